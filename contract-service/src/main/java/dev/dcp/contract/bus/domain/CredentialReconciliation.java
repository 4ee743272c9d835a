package dev.dcp.contract.bus.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must change so that exactly the credentials that should hold do: a provider whose stake fell below the
 * minimum (slashed to zero, say) loses its credential, and a login the broker has that no active credential
 * accounts for (a revocation the broker missed) is removed.
 */
public final class CredentialReconciliation {

    /** An issued credential, with its provider's current stake. */
    public record Active(String providerId, String username, long stake) {}

    public record Revocation(String providerId, String username, String reason) {}

    /** Credentials to mark revoked, then logins to remove from the broker. */
    public record Plan(List<Revocation> revocations, Set<String> removals) {

        public boolean isEmpty() {
            return revocations.isEmpty() && removals.isEmpty();
        }
    }

    private CredentialReconciliation() {}

    public static Plan plan(List<Active> active, long minStake, Set<String> brokerLogins) {
        List<Revocation> revocations = new ArrayList<>();
        Set<String> keep = new TreeSet<>();
        for (Active credential : active) {
            if (credential.stake() < minStake) {
                revocations.add(new Revocation(
                        credential.providerId(),
                        credential.username(),
                        "stake " + credential.stake() + " fell below the minimum of " + minStake));
            } else {
                keep.add(credential.username());
            }
        }
        Set<String> removals = new TreeSet<>(brokerLogins);
        removals.removeAll(keep);
        revocations.forEach(r -> removals.add(r.username()));
        return new Plan(List.copyOf(revocations), removals);
    }
}
