package dev.dcp.contract.slashing.domain;

import java.math.BigInteger;

/**
 * How much stake an outvoted answer costs its provider: a fraction of the stake it holds at that moment, in
 * parts per million, rounded down, but at least one micro-credit while any stake is left, so that every caught
 * lie shows on the ledger. The slashed credits are burned, not paid to anyone.
 */
public record Slashing(long fractionPpm) {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    public Slashing {
        if (fractionPpm < 0 || fractionPpm > 1_000_000) {
            throw new IllegalArgumentException("the slash fraction must lie in [0, 1]");
        }
    }

    public static Slashing ofFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the slash fraction must lie in [0, 1], not " + fraction);
        }
        return new Slashing(Math.round(fraction * 1_000_000));
    }

    public long amount(long stake) {
        if (stake <= 0 || fractionPpm == 0) {
            return 0;
        }
        long amount = BigInteger.valueOf(stake)
                .multiply(BigInteger.valueOf(fractionPpm))
                .divide(MILLION)
                .longValueExact();
        return Math.min(stake, Math.max(1, amount));
    }
}
