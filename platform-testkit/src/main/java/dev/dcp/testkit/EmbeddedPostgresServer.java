package dev.dcp.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real PostgreSQL server from zonky's binaries; persistent when given a data directory. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives (kept across restarts), or null for a throw-away one
     * @param port    the port, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false) // the owner stops it, after the services that use it
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", dataDir == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", "off");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL whose unqualified names resolve in {@code schema}. */
    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?currentSchema=" + schema
                + "&reWriteBatchedInserts=true";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
