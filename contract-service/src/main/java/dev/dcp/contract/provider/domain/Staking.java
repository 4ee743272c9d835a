package dev.dcp.contract.provider.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider's stake: bonded from its balance and locked for the days it chose, unbonded only once the lock has
 * passed, and what makes its workers eligible for work while it holds at least the minimum. Time is an input.
 */
public final class Staking {

    /** Why a bond or an unbond is refused; nothing was changed for it. */
    public sealed interface Refusal permits InsufficientBalance, StakeLocked, NotThatMuchStake {}

    public record InsufficientBalance(long amount, long balance) implements Refusal {}

    public record StakeLocked(Instant until) implements Refusal {}

    public record NotThatMuchStake(long amount, long stake) implements Refusal {}

    private Staking() {}

    public static Optional<Refusal> bondRefusal(long amount, long balance) {
        return amount > balance ? Optional.of(new InsufficientBalance(amount, balance)) : Optional.empty();
    }

    /** The end of the lock a bond made {@code now} asks for (an existing later lock is kept by the account). */
    public static Instant lockEnd(Instant now, int lockDays) {
        return now.plus(Duration.ofDays(lockDays));
    }

    /** {@code lockedUntil} is null for a stake never bonded; a lock ending exactly now has passed. */
    public static Optional<Refusal> unbondRefusal(long amount, long stake, Instant lockedUntil, Instant now) {
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return Optional.of(new StakeLocked(lockedUntil));
        }
        if (amount > stake) {
            return Optional.of(new NotThatMuchStake(amount, stake));
        }
        return Optional.empty();
    }

    public static boolean eligible(long stake, long minStake) {
        return stake >= minStake;
    }
}
