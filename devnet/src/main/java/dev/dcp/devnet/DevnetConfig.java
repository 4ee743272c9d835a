package dev.dcp.devnet;

import java.nio.file.Path;

/**
 * @param dataDir      where PostgreSQL, Kafka and the keys live (kept across restarts)
 * @param gatewayPort  the public port; 0 picks a free one (tests)
 * @param workers      how many workers to start
 * @param adminKey     the admin API key; null generates one on first start and keeps it with the state
 * @param fresh        wipe the state in {@code dataDir} first
 * @param consensus    the ledger's consensus mode, or null for the one the state was created with (default solo)
 * @param validators   ledger replicas ({@code pos}, {@code bft}), or 0 for the state's (default 1)
 */
public record DevnetConfig(
        Path dataDir, int gatewayPort, int workers, String adminKey, boolean fresh, String consensus, int validators) {

    public DevnetConfig(Path dataDir, int gatewayPort, int workers, String adminKey, boolean fresh) {
        this(dataDir, gatewayPort, workers, adminKey, fresh, null, 0);
    }
}
