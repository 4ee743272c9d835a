package dev.dcp.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class MicrosecondClockTest {

    private final Clock fixed = Clock.fixed(Instant.parse("2026-12-04T10:15:30.123456789Z"), ZoneOffset.UTC);

    @Test
    void anInstantKeepsWholeMicrosecondsOnly() {
        assertThat(new MicrosecondClock(fixed).instant()).isEqualTo(Instant.parse("2026-12-04T10:15:30.123456Z"));
    }

    @Test
    void millisecondsAreTheUnderlyingClocks() {
        assertThat(new MicrosecondClock(fixed).millis()).isEqualTo(fixed.millis());
    }

    @Test
    void anotherZoneKeepsTheMicrosecondTicks() {
        Clock paris = new MicrosecondClock(fixed).withZone(ZoneId.of("Europe/Paris"));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        Instant now = paris.instant();
        assertThat(now).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
    }
}
