package dev.dcp.scheduler.storage.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void aClosedRangeIsTakenAsAsked() {
        assertThat(ByteRange.parse("bytes=10-19", 100)).contains(new ByteRange(10, 19));
        assertThat(new ByteRange(10, 19).contentRange(100)).isEqualTo("bytes 10-19/100");
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }

    @Test
    void anOpenRangeRunsToTheEndAndALastBeyondItIsCut() {
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=90-5000", 100)).contains(new ByteRange(90, 99));
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void aRangeStartingPastTheEndIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void whatIsNotOneByteRangeIsIgnored() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
    }
}
