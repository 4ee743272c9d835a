package dev.dcp.contract.account;

import dev.dcp.common.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** API keys: 256 random bits, shown once; only their SHA-256 is stored (a slow hash buys nothing at this entropy). */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "dcp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        return Hashes.sha256Hex(key.getBytes(StandardCharsets.UTF_8));
    }
}
