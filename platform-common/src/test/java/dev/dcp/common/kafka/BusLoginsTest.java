package dev.dcp.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BusLoginsTest {

    @Test
    void theLoginsComeFromTheirVariablesInTheOrderOfTheNames() {
        var logins = BusLogins.fromEnvironment(Map.of(
                "DCP_BUS_LOGIN_2_SCHEDULER", "scheduler SCHEDULER pass word",
                "DCP_BUS_LOGIN_1_VALIDATOR", " ledger-validator-0  validator  s3cret ",
                "DCP_KAFKA_PASSWORD", "not a login"));
        assertThat(logins)
                .containsExactly(
                        new BusLogins.Login("ledger-validator-0", "s3cret", BusRole.VALIDATOR),
                        new BusLogins.Login("scheduler", "pass word", BusRole.SCHEDULER));
    }

    @Test
    void aLoginNeedsANameARoleAndAPasswordAndNeverPrintsThePassword() {
        assertThatThrownBy(() -> BusLogins.Login.parse("scheduler SCHEDULER"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusLogins.Login.parse("scheduler JANITOR pw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BusLogins.Login.parse("workers-compose PROVIDER hunter2").toString())
                .doesNotContain("hunter2");
    }
}
