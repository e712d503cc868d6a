package com.example.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The app's clock in tests: the real time plus an offset that a test moves forward, so
 * that tokens expire and login limits pass without waiting for them.
 */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration duration) {
        this.offset = this.offset.plus(duration);
    }

    /** Back to the real time. */
    public void reset() {
        this.offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(this.offset);
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
