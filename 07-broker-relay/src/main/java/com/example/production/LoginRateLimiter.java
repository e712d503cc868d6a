package com.example.production;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on {@code POST /token}: after
 * {@code hub.token.login-failures} failed logins for one user from one address within
 * {@code hub.token.login-window}, further attempts are refused until the oldest failure
 * leaves the window. Successful logins never count. Each instance counts its own.
 */
@Component
public class LoginRateLimiter implements SchedulingConfigurer {

    private final int maxFailures;

    private final Duration window;

    private final Clock clock;

    /** The times of recent failures, per "address user". */
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    private final AtomicLong refused = new AtomicLong();

    LoginRateLimiter(LoginLimitProperties limits, Clock clock) {
        this.maxFailures = limits.loginFailures();
        this.window = limits.loginWindow();
        this.clock = clock;
    }

    /**
     * Counts an attempt as failed until {@link #succeeded} takes it back, and throws,
     * counting nothing, when this address has failed too often for this user just now.
     * Checking and counting are one step, so attempts at the same time cannot all pass.
     * @return when the attempt was counted, for {@link #succeeded}
     */
    public Instant countAsFailed(String attempt) {
        Instant now = this.clock.instant();
        this.failures.compute(attempt, (key, times) -> {
            Deque<Instant> updated = (times != null) ? times : new ArrayDeque<>();
            forgetOlderThan(updated, now.minus(this.window));
            if (updated.size() >= this.maxFailures) {
                this.refused.incrementAndGet();
                throw new TooManyAttemptsException(Duration.between(now, updated.getFirst().plus(this.window)));
            }
            updated.addLast(now);
            return updated;
        });
        return now;
    }

    /** Takes back an attempt counted at this time: successful logins never count. */
    public void succeeded(String attempt, Instant countedAt) {
        this.failures.computeIfPresent(attempt, (key, times) -> {
            times.removeFirstOccurrence(countedAt);
            return times.isEmpty() ? null : times;
        });
    }

    /** Has Spring's scheduler call {@link #forgetOldFailures()} once a window. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::forgetOldFailures, this.window);
    }

    /** Forgets failures that left the window, so that the map does not grow for ever. */
    void forgetOldFailures() {
        Instant now = this.clock.instant();
        this.failures.keySet().forEach((attempt) -> this.failures.computeIfPresent(attempt, (key, times) -> {
            forgetOlderThan(times, now.minus(this.window));
            return times.isEmpty() ? null : times;
        }));
    }

    /** Attempts refused since the app started. */
    long refused() {
        return this.refused.get();
    }

    private static void forgetOlderThan(Deque<Instant> times, Instant start) {
        while (!times.isEmpty() && !times.getFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    /** Refused: try again after {@link TooManyAttemptsException#retryAfterSeconds()}. */
    public static final class TooManyAttemptsException extends RuntimeException {

        private final Duration retryAfter;

        TooManyAttemptsException(Duration retryAfter) {
            super("Too many failed logins", null, false, false);
            this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        }

        /** Whole seconds, rounded up, as the {@code Retry-After} header wants them. */
        public long retryAfterSeconds() {
            return (this.retryAfter.toMillis() + 999) / 1000;
        }

    }

}
