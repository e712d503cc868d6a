package com.example.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Primary;

/**
 * The app's clock in tests: the real time plus an offset that a test moves forward, so
 * that tokens expire and login limits pass without waiting for them. {@link HubControls}
 * imports it as a bean, in place of the app's.
 */
@Primary
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    private volatile Instant stoppedAt;

    public void advance(Duration duration) {
        this.offset = this.offset.plus(duration);
    }

    /**
     * Stops the clock where it is, so that what a test counts in seconds does not depend
     * on how long its steps take on a busy machine; {@link #advance} still moves it.
     */
    public void stop() {
        this.stoppedAt = Instant.now();
    }

    /** Back to the real time, running. */
    public void reset() {
        this.stoppedAt = null;
        this.offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant stopped = this.stoppedAt;
        return ((stopped != null) ? stopped : Instant.now()).plus(this.offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

}
