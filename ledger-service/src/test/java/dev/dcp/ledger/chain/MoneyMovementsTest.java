package dev.dcp.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.ledger.chain.MoneyMovements.Movement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneyMovementsTest {

    private static final Ed25519.KeyPair KEYS = Ed25519.generate();
    private long nonce;

    private Transaction tx(String type, Map<String, Object> payload) {
        return Transaction.sign(type, payload, KEYS, ++nonce, 1_700_000_000_000L + nonce);
    }

    private static Map<String, Object> payload(Object... keyValues) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aDepositAddsToTheAccountsBalance() {
        Transaction t = tx("DEPOSIT", payload("account", "alice", "amount", 500));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("alice", 500, 0, 0));
    }

    @Test
    void anEscrowLockMovesFromBalanceToEscrow() {
        Transaction t = tx("ESCROW_LOCK", payload("account", "alice", "job", "job-1", "amount", 120));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("alice", -120, 120, 0));
    }

    @Test
    void anEscrowReleaseMovesFromEscrowBackToBalance() {
        Transaction t = tx("ESCROW_RELEASE", payload("account", "alice", "job", "job-1", "amount", 30));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("alice", 30, -30, 0));
    }

    @Test
    void aPaymentTakesFromThePayersEscrowAndCreditsThePayeesBalance() {
        Transaction t = tx("PAYMENT", payload("from", "alice", "to", "bob", "job", "job-1", "amount", 90));

        assertThat(MoneyMovements.of(t))
                .containsExactlyInAnyOrder(new Movement("alice", 0, -90, 0), new Movement("bob", 90, 0, 0));
    }

    @Test
    void aStakeBondMovesFromBalanceToStake() {
        Transaction t = tx("STAKE_BOND", payload("account", "worker-1", "amount", 1_000, "lockDays", 30));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("worker-1", -1_000, 0, 1_000));
    }

    @Test
    void aStakeUnbondMovesFromStakeBackToBalance() {
        Transaction t = tx("STAKE_UNBOND", payload("account", "worker-1", "amount", 400));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("worker-1", 400, 0, -400));
    }

    @Test
    void aStakeSlashBurnsStakeWithoutCreditingAnyone() {
        Transaction t = tx(
                "STAKE_SLASH", payload("account", "worker-1", "amount", 250, "job", "job-9", "reason", "wrong result"));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("worker-1", 0, 0, -250));
    }

    @Test
    void amountsBeyondTheIntRangeAreCarriedExactly() {
        long big = 9_000_000_000_000L;
        Transaction t = tx("DEPOSIT", payload("account", "whale", "amount", big));

        assertThat(MoneyMovements.of(t)).containsExactly(new Movement("whale", big, 0, 0));
        assertThat(MoneyMovements.isWellFormed(t)).isTrue();
    }

    @Test
    void typesThatRecordFactsMoveNoMoneyAndAreWellFormed() {
        for (String type : List.of(
                "TENANT_CREATED", "WORKER_ENROLLED", "JOB_SUBMITTED", "JOB_COMPLETED", "JOB_FAILED", "JOB_CANCELLED")) {
            Transaction t = tx(type, payload("job", "job-1", "amount", 77, "account", "alice"));

            assertThat(MoneyMovements.of(t)).as(type).isEmpty();
            assertThat(MoneyMovements.isWellFormed(t)).as(type).isTrue();
        }
    }

    @Test
    void everyDocumentedMoneyPayloadIsWellFormed() {
        assertThat(MoneyMovements.isWellFormed(tx("DEPOSIT", payload("account", "a", "amount", 1))))
                .isTrue();
        assertThat(MoneyMovements.isWellFormed(tx("PAYMENT", payload("from", "a", "to", "b", "job", "j", "amount", 1))))
                .isTrue();
        assertThat(MoneyMovements.isWellFormed(
                        tx("STAKE_SLASH", payload("account", "a", "amount", 1, "job", "j", "reason", "r"))))
                .isTrue();
    }

    @Test
    void aMissingOrBlankAccountIsNotWellFormed() {
        assertThat(MoneyMovements.isWellFormed(tx("DEPOSIT", payload("amount", 10))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("DEPOSIT", payload("account", "", "amount", 10))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("DEPOSIT", payload("account", "  ", "amount", 10))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("DEPOSIT", payload("account", 42, "amount", 10))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("PAYMENT", payload("from", "a", "job", "j", "amount", 10))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("PAYMENT", payload("to", "b", "job", "j", "amount", 10))))
                .isFalse();
    }

    @Test
    void aMissingOrNonIntegerAmountIsNotWellFormed() {
        for (Object amount : new Object[] {null, 1.5, 10.0, "10", true}) {
            Map<String, Object> p = payload("account", "alice");
            if (amount != null) {
                p.put("amount", amount);
            }
            assertThat(MoneyMovements.isWellFormed(tx("ESCROW_LOCK", p)))
                    .as("amount %s", amount)
                    .isFalse();
        }
    }

    @Test
    void aZeroOrNegativeAmountIsNotWellFormed() {
        for (String type :
                List.of("DEPOSIT", "ESCROW_LOCK", "ESCROW_RELEASE", "STAKE_BOND", "STAKE_UNBOND", "STAKE_SLASH")) {
            assertThat(MoneyMovements.isWellFormed(tx(type, payload("account", "a", "amount", 0))))
                    .as(type)
                    .isFalse();
            assertThat(MoneyMovements.isWellFormed(tx(type, payload("account", "a", "amount", -5))))
                    .as(type)
                    .isFalse();
            assertThat(MoneyMovements.isWellFormed(tx(type, payload("account", "a", "amount", -5L))))
                    .as(type)
                    .isFalse();
        }
        assertThat(MoneyMovements.isWellFormed(tx("PAYMENT", payload("from", "a", "to", "b", "amount", 0))))
                .isFalse();
        assertThat(MoneyMovements.isWellFormed(tx("PAYMENT", payload("from", "a", "to", "b", "amount", -1))))
                .isFalse();
    }

    /** Balance, escrow and stake of one account, kept by applying the API.md table directly. */
    private static final class Account {
        long balance;
        long escrowed;
        long stake;
    }

    @Test
    void replayingARandomHistoryGivesTheSameAmountsAsApplyingTheTableDirectly() {
        Random random = new Random(99);
        List<String> names = List.of("alice", "bob", "carol", "dave", "erin");
        Map<String, Account> model = new HashMap<>();
        names.forEach(n -> model.put(n, new Account()));
        List<Transaction> history = new ArrayList<>();

        for (int i = 0; i < 3000; i++) {
            String a = names.get(random.nextInt(names.size()));
            String b = names.get(random.nextInt(names.size()));
            Account acc = model.get(a);
            int kind = random.nextInt(7);
            long amount;
            switch (kind) {
                case 0 -> {
                    amount = 1 + (random.nextBoolean() ? random.nextInt(1_000_000) : random.nextLong(10_000_000_000L));
                    acc.balance += amount;
                    history.add(tx("DEPOSIT", payload("account", a, "amount", amount)));
                }
                case 1 -> {
                    if (acc.balance == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.balance);
                    acc.balance -= amount;
                    acc.escrowed += amount;
                    history.add(tx("ESCROW_LOCK", payload("account", a, "job", "job-" + i, "amount", amount)));
                }
                case 2 -> {
                    if (acc.escrowed == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.escrowed);
                    acc.escrowed -= amount;
                    acc.balance += amount;
                    history.add(tx("ESCROW_RELEASE", payload("account", a, "job", "job-" + i, "amount", amount)));
                }
                case 3 -> {
                    if (acc.escrowed == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.escrowed);
                    acc.escrowed -= amount;
                    model.get(b).balance += amount;
                    history.add(tx("PAYMENT", payload("from", a, "to", b, "job", "job-" + i, "amount", amount)));
                }
                case 4 -> {
                    if (acc.balance == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.balance);
                    acc.balance -= amount;
                    acc.stake += amount;
                    history.add(tx("STAKE_BOND", payload("account", a, "amount", amount, "lockDays", 7)));
                }
                case 5 -> {
                    if (acc.stake == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.stake);
                    acc.stake -= amount;
                    acc.balance += amount;
                    history.add(tx("STAKE_UNBOND", payload("account", a, "amount", amount)));
                }
                default -> {
                    if (acc.stake == 0) {
                        continue;
                    }
                    amount = 1 + random.nextLong(acc.stake);
                    acc.stake -= amount;
                    history.add(tx(
                            "STAKE_SLASH",
                            payload("account", a, "amount", amount, "job", "job-" + i, "reason", "test")));
                }
            }
            if (random.nextInt(10) == 0) {
                history.add(
                        tx("JOB_SUBMITTED", payload("job", "job-" + i, "tenant", a, "kind", "k", "specHash", "00")));
            }
        }

        Map<String, long[]> replayed = new HashMap<>();
        for (Transaction t : history) {
            Transaction stored = Json.read(Json.write(t), Transaction.class); // as the chain stores and reads it
            assertThat(MoneyMovements.isWellFormed(stored)).isTrue();
            for (Movement m : MoneyMovements.of(stored)) {
                long[] sums = replayed.computeIfAbsent(m.account(), k -> new long[3]);
                sums[0] += m.balance();
                sums[1] += m.escrowed();
                sums[2] += m.stake();
            }
        }

        assertThat(history).hasSizeGreaterThan(1000);
        for (String name : names) {
            Account expected = model.get(name);
            long[] actual = replayed.getOrDefault(name, new long[3]);
            assertThat(actual).as(name).containsExactly(expected.balance, expected.escrowed, expected.stake);
        }
    }
}
