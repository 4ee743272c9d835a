package dev.dcp.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    record Deposit(Long amount) {}

    record Named(String name, Boolean flag) {}

    private final JsonMapper strict = strict();

    @Test
    void anIntegerAmountIsReadAsItIs() {
        assertThat(strict.readValue("{\"amount\":100}", Deposit.class).amount()).isEqualTo(100L);
    }

    @Test
    void aFractionalOrExponentAmountIsRefusedRatherThanTruncated() {
        assertThatThrownBy(() -> strict.readValue("{\"amount\":1.5}", Deposit.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> strict.readValue("{\"amount\":1e3}", Deposit.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aNumberInAStringIsNotANumber() {
        assertThatThrownBy(() -> strict.readValue("{\"amount\":\"100\"}", Deposit.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aNumberOrABooleanIsNotAName() {
        assertThatThrownBy(() -> strict.readValue("{\"name\":123}", Named.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> strict.readValue("{\"name\":true}", Named.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> strict.readValue("{\"name\":\"x\",\"flag\":\"true\"}", Named.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aMemberTwiceIsRefused() {
        assertThatThrownBy(() -> strict.readValue("{\"amount\":5,\"amount\":6}", Deposit.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void thePlainMapperWouldHaveAcceptedEveryOneOfThem() {
        JsonMapper plain = JsonMapper.builder().build();
        assertThat(plain.readValue("{\"amount\":\"100\"}", Deposit.class).amount())
                .isEqualTo(100L);
        assertThat(plain.readValue("{\"amount\":5,\"amount\":6}", Deposit.class).amount())
                .isEqualTo(6L);
    }

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        StrictJson.configure(builder);
        return builder.build();
    }
}
