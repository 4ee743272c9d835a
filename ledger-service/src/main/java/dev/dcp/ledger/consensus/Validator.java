package dev.dcp.ledger.consensus;

/**
 * A member of the validator set. {@code power} is its voting power under {@code bft} and its lottery weight
 * (stake x lock time) under {@code pos}.
 */
public record Validator(String id, String publicKey, long power) {

    public Validator {
        if (power < 1) {
            throw new IllegalArgumentException("validator " + id + " needs a positive power");
        }
    }
}
