package dev.dcp.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Another clock's time in microseconds, what PostgreSQL keeps, so a job returned now reads the same when it is
 * fetched later. Not {@code Clock.tick(clock, 1µs)}: a tick below a millisecond makes its {@code millis()} divide
 * by zero.
 */
final class MicrosecondClock extends Clock {

    private final Clock base;

    MicrosecondClock(Clock base) {
        this.base = base;
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MicrosecondClock(base.withZone(zone));
    }
}
