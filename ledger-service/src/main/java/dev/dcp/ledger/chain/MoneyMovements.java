package dev.dcp.ledger.chain;

import dev.dcp.common.ledger.Transaction;
import dev.dcp.common.ledger.TransactionTypes;
import java.util.List;
import java.util.Map;

/**
 * What a transaction does to account balances, per the table in API.md. Replaying these in chain order yields
 * every account's balance, escrow and stake.
 */
public final class MoneyMovements {

    /** A change to one account's three amounts, in micro-credits. */
    public record Movement(String account, long balance, long escrowed, long stake) {}

    private MoneyMovements() {}

    public static List<Movement> of(Transaction tx) {
        Map<String, Object> p = tx.payload();
        return switch (tx.type()) {
            case TransactionTypes.DEPOSIT -> List.of(new Movement(text(p, "account"), amount(p), 0, 0));
            case TransactionTypes.ESCROW_LOCK -> List.of(new Movement(text(p, "account"), -amount(p), amount(p), 0));
            case TransactionTypes.ESCROW_RELEASE -> List.of(new Movement(text(p, "account"), amount(p), -amount(p), 0));
            case TransactionTypes.PAYMENT ->
                List.of(new Movement(text(p, "from"), 0, -amount(p), 0), new Movement(text(p, "to"), amount(p), 0, 0));
            case TransactionTypes.STAKE_BOND -> List.of(new Movement(text(p, "account"), -amount(p), 0, amount(p)));
            case TransactionTypes.STAKE_UNBOND -> List.of(new Movement(text(p, "account"), amount(p), 0, -amount(p)));
            case TransactionTypes.STAKE_SLASH -> List.of(new Movement(text(p, "account"), 0, 0, -amount(p)));
            default -> List.of();
        };
    }

    /** Whether a transaction of this type must carry a well-formed money payload to enter a block. */
    public static boolean isWellFormed(Transaction tx) {
        try {
            for (Movement m : of(tx)) {
                if (m.account() == null || m.account().isBlank()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    private static long amount(Map<String, Object> p) {
        Object v = p.get("amount");
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() <= 0) {
            throw new IllegalArgumentException("amount must be a positive integer");
        }
        return ((Number) v).longValue();
    }
}
