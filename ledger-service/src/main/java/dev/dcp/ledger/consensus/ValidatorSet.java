package dev.dcp.ledger.consensus;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The validators, ordered by public key as ARCHITECTURE.md requires for the lottery and round-robin. */
public final class ValidatorSet {

    private final List<Validator> ordered;
    private final Map<String, Validator> byKey = new HashMap<>();
    private final long totalPower;

    public ValidatorSet(List<Validator> validators) {
        if (validators.isEmpty()) {
            throw new IllegalArgumentException("a validator set needs at least one validator");
        }
        this.ordered = validators.stream()
                .sorted(Comparator.comparing(Validator::publicKey))
                .toList();
        long total = 0;
        for (Validator v : ordered) {
            if (byKey.put(v.publicKey(), v) != null) {
                throw new IllegalArgumentException("validator key listed twice: " + v.publicKey());
            }
            total = Math.addExact(total, v.power());
        }
        this.totalPower = total;
    }

    public List<Validator> ordered() {
        return ordered;
    }

    public long totalPower() {
        return totalPower;
    }

    public Optional<Validator> byPublicKey(String publicKey) {
        return Optional.ofNullable(byKey.get(publicKey));
    }

    public int size() {
        return ordered.size();
    }

    /** Round-robin over the validators ordered by public key. */
    public Validator roundRobin(long height) {
        return ordered.get((int) Math.floorMod(height, (long) ordered.size()));
    }

    /** 3 x signed >= 2 x total: with n equal validators, ceil(2n/3) of them. */
    public boolean isQuorum(long signedPower) {
        return 3 * signedPower >= 2 * totalPower;
    }
}
