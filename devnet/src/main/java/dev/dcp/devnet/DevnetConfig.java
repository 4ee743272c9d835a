package dev.dcp.devnet;

import java.nio.file.Path;

/**
 * @param dataDir      where PostgreSQL, Kafka and the keys live (kept across restarts)
 * @param gatewayPort  the public port; 0 picks a free one (tests)
 * @param workers      how many workers to start
 * @param adminKey     the admin API key; null generates one on first start and keeps it with the state
 * @param fresh        wipe the state in {@code dataDir} first
 */
public record DevnetConfig(Path dataDir, int gatewayPort, int workers, String adminKey, boolean fresh) {
}
