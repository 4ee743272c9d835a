package dev.dcp.common.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.event.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkCountTest {

    @Test
    void rangesCountTheirNumbersAndMatmulItsMultiplyAdds() {
        assertThat(WorkCount.primes(10, 110)).isEqualTo(100);
        assertThat(WorkCount.montecarloPi(0, 0)).isZero();
        assertThat(WorkCount.matmul(96, 24, 48)).isEqualTo(24L * 96 * 96);
    }

    @Test
    void hashcashCountsTheNoncesTriedUpToAndIncludingTheProof() {
        assertThat(WorkCount.hashcash(100, 200, 100L)).isEqualTo(1);
        assertThat(WorkCount.hashcash(100, 200, 149L)).isEqualTo(50);
        assertThat(WorkCount.hashcash(100, 200, null)).isEqualTo(100).isEqualTo(WorkCount.hashcashBound(100, 200));
    }

    @Test
    void wordcountCountsTheUtf8BytesWithoutEncoding() {
        for (String text : new String[] {"", "plain ascii", "naïve café", "日本語", "emoji 😀 pair"}) {
            assertThat(WorkCount.wordcount(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        // a lone surrogate counts as the three bytes of U+FFFD that replace it, on both sides alike
        assertThat(WorkCount.wordcount("a\uD800b")).isEqualTo(5);
    }

    @Test
    void anInvertedRangeOrAnOverflowIsRefusedRatherThanCountedNegative() {
        assertThatThrownBy(() -> WorkCount.primes(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkCount.matmul(Long.MAX_VALUE, 0, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void everyKindHasAUnitAndAPositiveRate() {
        for (Kind kind : Kind.values()) {
            WorkUnit unit = WorkUnit.of(kind);
            assertThat(unit.unit()).isNotBlank();
            assertThat(unit.unitsPerReferenceCpuSecond()).isPositive();
        }
    }

    @Test
    void aPriceIsUnitsConvertedToReferenceSecondsAndFlooredExactly() {
        // 1.5 reference seconds at 1,000 per second
        assertThat(WorkUnit.priceOf(3, 1_000, 2)).isEqualTo(1_500);
        assertThat(WorkUnit.priceOf(1, 1, 3)).isZero();
        // the product overflows a long but the price is exact, and capped at Long.MAX_VALUE
        assertThat(WorkUnit.priceOf(Long.MAX_VALUE, 4, 8)).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(WorkUnit.priceOf(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> WorkUnit.priceOf(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAnswerCarriesItsWorkAndAFaultItsReason() {
        Map<String, Object> answer = AnswerFields.withWork(Map.of("count", 4), 100);
        assertThat(answer).containsEntry("count", 4).containsEntry("work", 100L);
        assertThat(AnswerFields.workOf(answer)).isEqualTo(100L);
        assertThat(AnswerFields.faultOf(answer)).isNull();
        assertThat(AnswerFields.faultOf(AnswerFields.fault("out of gas"))).isEqualTo("out of gas");
        assertThatThrownBy(() -> AnswerFields.withWork(Map.of("work", 1), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimedWorkThatIsNoWholeNonNegativeNumberIsNoWork() {
        assertThat(AnswerFields.workOf(null)).isNull();
        assertThat(AnswerFields.workOf(Map.of("count", 1))).isNull();
        assertThat(AnswerFields.workOf(Map.of("work", -5))).isNull();
        assertThat(AnswerFields.workOf(Map.of("work", 2.5))).isNull();
        assertThat(AnswerFields.workOf(Map.of("work", "lots"))).isNull();
        assertThat(AnswerFields.workOf(Map.of("work", 7))).isEqualTo(7L);
    }
}
