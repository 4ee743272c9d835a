package dev.dcp.contract.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.contract.audit.domain.CreditAudit.AccountState;
import dev.dcp.contract.audit.domain.CreditAudit.Conservation;
import dev.dcp.contract.audit.domain.CreditAudit.Mismatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreditAuditTest {

    private static AccountState account(String id, long balance, long escrowed, long stake) {
        return new AccountState(id, balance, escrowed, stake);
    }

    @Test
    void creditsAreConservedWhenHoldingsEqualDepositsLessSlashes() {
        Conservation c =
                CreditAudit.conservation(List.of(account("t1", 600, 300, 0), account("p1", 50, 0, 40)), 1_000, 10);

        assertThat(c.conserved()).isTrue();
        assertThat(c.held()).isEqualTo(990);
        assertThat(c.deposits()).isEqualTo(1_000);
        assertThat(c.slashed()).isEqualTo(10);
        assertThat(c.negative()).isEmpty();
    }

    @Test
    void noAccountsAndNoDepositsAreConserved() {
        Conservation c = CreditAudit.conservation(List.of(), 0, 0);

        assertThat(c.conserved()).isTrue();
        assertThat(c.held()).isZero();
    }

    @Test
    void aCreditMadeFromNothingBreaksConservation() {
        Conservation c = CreditAudit.conservation(List.of(account("t1", 1_001, 0, 0)), 1_000, 0);

        assertThat(c.conserved()).isFalse();
        assertThat(c.held()).isEqualTo(1_001);
        assertThat(c.negative()).isEmpty();
    }

    @Test
    void aLostCreditBreaksConservation() {
        Conservation c = CreditAudit.conservation(List.of(account("t1", 500, 499, 0)), 1_000, 0);

        assertThat(c.conserved()).isFalse();
        assertThat(c.held()).isEqualTo(999);
    }

    @Test
    void aSlashThatIsNotRecordedBreaksConservation() {
        Conservation c = CreditAudit.conservation(List.of(account("p1", 0, 0, 90)), 100, 0);

        assertThat(c.conserved()).isFalse();
    }

    @Test
    void everyAccountWithANegativeAmountIsListed() {
        Conservation c = CreditAudit.conservation(
                List.of(
                        account("ok", 10, 0, 0),
                        account("negBalance", -1, 0, 0),
                        account("negEscrow", 0, -1, 0),
                        account("negStake", 0, 0, -1),
                        account("negAll", -1, -1, -1)),
                5,
                0);

        assertThat(c.negative()).containsExactly("negBalance", "negEscrow", "negStake", "negAll");
        assertThat(c.conserved()).isFalse();
    }

    @Test
    void aNegativeAmountIsNotConservedEvenWhenTheSumsAgree() {
        // 110 - 10 = 100 = deposits, but an account is overdrawn
        Conservation c = CreditAudit.conservation(List.of(account("t1", 110, 0, 0), account("t2", -10, 0, 0)), 100, 0);

        assertThat(c.held()).isEqualTo(100);
        assertThat(c.negative()).containsExactly("t2");
        assertThat(c.conserved()).isFalse();
    }

    @Test
    void identicalSidesHaveNoMismatch() {
        List<AccountState> states = List.of(account("a", 1, 2, 3), account("b", 4, 5, 6));

        assertThat(CreditAudit.compare(states, List.copyOf(states))).isEmpty();
    }

    @Test
    void theOrderOfAccountsDoesNotMatter() {
        assertThat(CreditAudit.compare(
                        List.of(account("a", 1, 2, 3), account("b", 4, 5, 6)),
                        List.of(account("b", 4, 5, 6), account("a", 1, 2, 3))))
                .isEmpty();
    }

    @Test
    void aDifferenceInAnyAmountIsAMismatch() {
        List<AccountState> contract =
                List.of(account("a", 1, 2, 3), account("b", 1, 2, 3), account("c", 1, 2, 3), account("d", 1, 2, 3));
        List<AccountState> ledger =
                List.of(account("a", 9, 2, 3), account("b", 1, 9, 3), account("c", 1, 2, 9), account("d", 1, 2, 3));

        List<Mismatch> mismatches = CreditAudit.compare(contract, ledger);

        assertThat(mismatches)
                .containsExactly(
                        new Mismatch("a", account("a", 1, 2, 3), account("a", 9, 2, 3)),
                        new Mismatch("b", account("b", 1, 2, 3), account("b", 1, 9, 3)),
                        new Mismatch("c", account("c", 1, 2, 3), account("c", 1, 2, 9)));
    }

    @Test
    void mismatchesAreSortedByAccount() {
        List<Mismatch> mismatches = CreditAudit.compare(
                List.of(account("z", 1, 0, 0), account("m", 1, 0, 0), account("a", 1, 0, 0)), List.of());

        assertThat(mismatches).extracting(Mismatch::account).containsExactly("a", "m", "z");
    }

    @Test
    void anAccountMissingFromTheLedgerCountsAsZerosThere() {
        List<Mismatch> mismatches = CreditAudit.compare(List.of(account("a", 5, 0, 0)), List.of());

        assertThat(mismatches).containsExactly(new Mismatch("a", account("a", 5, 0, 0), account("a", 0, 0, 0)));
    }

    @Test
    void anAccountMissingFromTheContractCountsAsZerosThere() {
        List<Mismatch> mismatches = CreditAudit.compare(List.of(), List.of(account("a", 0, 0, 7)));

        assertThat(mismatches).containsExactly(new Mismatch("a", account("a", 0, 0, 0), account("a", 0, 0, 7)));
    }

    @Test
    void anAllZeroAccountMissingOnTheOtherSideIsNoMismatch() {
        assertThat(CreditAudit.compare(List.of(account("a", 0, 0, 0)), List.of()))
                .isEmpty();
        assertThat(CreditAudit.compare(List.of(), List.of(account("a", 0, 0, 0))))
                .isEmpty();
    }
}
