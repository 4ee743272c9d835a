package dev.dcp.contract.audit.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The money invariants, checked over plain numbers: credits are neither made nor lost (every account's balance,
 * escrow and stake add up to what was deposited less what was slashed), no amount is negative, and each
 * account holds what the ledger's replay says it holds.
 */
public final class CreditAudit {

    public record AccountState(String account, long balance, long escrowed, long stake) {

        boolean isZero() {
            return balance == 0 && escrowed == 0 && stake == 0;
        }
    }

    public record Conservation(boolean conserved, long deposits, long slashed, long held, List<String> negative) {}

    public record Mismatch(String account, AccountState contract, AccountState ledger) {}

    private CreditAudit() {}

    public static Conservation conservation(List<AccountState> accounts, long deposits, long slashed) {
        long held = 0;
        List<String> negative = new ArrayList<>();
        for (AccountState a : accounts) {
            held = Math.addExact(held, Math.addExact(a.balance(), Math.addExact(a.escrowed(), a.stake())));
            if (a.balance() < 0 || a.escrowed() < 0 || a.stake() < 0) {
                negative.add(a.account());
            }
        }
        return new Conservation(
                held == deposits - slashed && negative.isEmpty(), deposits, slashed, held, List.copyOf(negative));
    }

    /** Accounts whose amounts differ; an account missing on one side counts as all zeros there. */
    public static List<Mismatch> compare(List<AccountState> contract, List<AccountState> ledger) {
        Map<String, AccountState> ours = new HashMap<>();
        contract.forEach(a -> ours.put(a.account(), a));
        Map<String, AccountState> theirs = new HashMap<>();
        ledger.forEach(a -> theirs.put(a.account(), a));
        TreeSet<String> all = new TreeSet<>(ours.keySet());
        all.addAll(theirs.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        for (String id : all) {
            AccountState a = ours.getOrDefault(id, new AccountState(id, 0, 0, 0));
            AccountState b = theirs.getOrDefault(id, new AccountState(id, 0, 0, 0));
            if (a.balance() != b.balance() || a.escrowed() != b.escrowed() || a.stake() != b.stake()) {
                mismatches.add(new Mismatch(id, a, b));
            }
        }
        return mismatches;
    }
}
