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
 * {@code hub.token.login-failures} failed logins for one user from one address, or
 * {@code hub.token.login-failures-per-user} for one user from all addresses together,
 * within {@code hub.token.login-window}, further attempts are refused until the oldest
 * failure leaves the window. Successful logins never count. Each instance counts its own.
 */
@Component
public class LoginRateLimiter implements SchedulingConfigurer {

    private final Duration window;

    private final Clock clock;

    /** Keeps one address from locking a user out for everyone else. */
    private final Failures perAddressAndUser;

    /** Keeps many addresses from sharing out the guesses at one user's password. */
    private final Failures perUser;

    private final AtomicLong refused = new AtomicLong();

    LoginRateLimiter(TokenPolicyProperties limits, Clock clock) {
        this.window = limits.loginWindow();
        this.clock = clock;
        this.perAddressAndUser = new Failures(limits.loginFailures());
        this.perUser = new Failures(limits.loginFailuresPerUser());
    }

    /**
     * Counts an attempt as failed until {@link #succeeded} takes it back, and throws,
     * counting nothing, when this address, or all addresses together, have failed too
     * often for this user just now. Checking and counting are one step, so attempts at
     * the same time cannot all pass.
     * @return when the attempt was counted, for {@link #succeeded}
     */
    public Instant countAsFailed(String address, String user) {
        Instant now = this.clock.instant();
        String addressAndUser = addressAndUser(address, user);
        this.perAddressAndUser.count(addressAndUser, now);
        try {
            this.perUser.count(user, now);
        }
        catch (TooManyAttemptsException ex) {
            this.perAddressAndUser.takeBack(addressAndUser, now);
            throw ex;
        }
        return now;
    }

    /** Takes back an attempt counted at this time: successful logins never count. */
    public void succeeded(String address, String user, Instant countedAt) {
        this.perAddressAndUser.takeBack(addressAndUser(address, user), countedAt);
        this.perUser.takeBack(user, countedAt);
    }

    private static String addressAndUser(String address, String user) {
        return address + " " + user;
    }

    /** Has Spring's scheduler call {@link #forgetOldFailures()} once a window. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::forgetOldFailures, this.window);
    }

    /** Forgets failures that left the window, so that the maps do not grow for ever. */
    void forgetOldFailures() {
        Instant start = this.clock.instant().minus(this.window);
        this.perAddressAndUser.forgetOlderThan(start);
        this.perUser.forgetOlderThan(start);
    }

    /** Attempts refused since the app started. */
    long refused() {
        return this.refused.get();
    }

    /**
     * The times of recent failures per key, at most {@code limit} of them in the window.
     */
    private final class Failures {

        private final Map<String, Deque<Instant>> times = new ConcurrentHashMap<>();

        private final int limit;

        Failures(int limit) {
            this.limit = limit;
        }

        /** Counts a failure now, or throws, counting nothing, at the limit. */
        void count(String key, Instant now) {
            this.times.compute(key, (k, times) -> {
                Deque<Instant> updated = (times != null) ? times : new ArrayDeque<>();
                dropOlderThan(updated, now.minus(LoginRateLimiter.this.window));
                if (updated.size() >= this.limit) {
                    LoginRateLimiter.this.refused.incrementAndGet();
                    throw new TooManyAttemptsException(
                            Duration.between(now, updated.getFirst().plus(LoginRateLimiter.this.window)));
                }
                updated.addLast(now);
                return updated;
            });
        }

        void takeBack(String key, Instant countedAt) {
            this.times.computeIfPresent(key, (k, times) -> {
                times.removeFirstOccurrence(countedAt);
                return times.isEmpty() ? null : times;
            });
        }

        void forgetOlderThan(Instant start) {
            this.times.keySet().forEach((key) -> this.times.computeIfPresent(key, (k, times) -> {
                dropOlderThan(times, start);
                return times.isEmpty() ? null : times;
            }));
        }

        private static void dropOlderThan(Deque<Instant> times, Instant start) {
            while (!times.isEmpty() && !times.getFirst().isAfter(start)) {
                times.removeFirst();
            }
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
