package dev.dcp.scheduler.worker;

import dev.dcp.common.event.WorkerHeartbeat;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Workers as their heartbeats describe them, and the verdicts their answers earned. */
@Repository
public class WorkerRegistry {

    public record WorkerRow(
            String id,
            String publicKey,
            int slots,
            int busySlots,
            long accepted,
            long rejected,
            Instant lastSeen,
            long storageBytes,
            long storedBytes) {}

    /** Verdicts earned by one worker in one batch of results. */
    public record Tally(String workerId, int accepted, int rejected) {}

    /** A worker is online while its heartbeats (every few seconds) keep coming. */
    public static final java.time.Duration ONLINE_WINDOW = java.time.Duration.ofSeconds(15);

    private final JdbcTemplate jdbc;
    /** Worker id to public key: every result is checked against it, so it is cached. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    WorkerRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers or refreshes a worker. A worker id keeps the key it first registered with: a heartbeat naming a
     * known id with another key is refused (false), so nobody can take over another worker's id.
     */
    public boolean heartbeat(WorkerHeartbeat hb) {
        int changed = jdbc.update(
                """
                insert into workers (id, public_key, slots, busy_slots, last_seen, storage_bytes, stored_bytes)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set slots = excluded.slots, busy_slots = excluded.busy_slots,
                    last_seen = greatest(workers.last_seen, excluded.last_seen),
                    storage_bytes = excluded.storage_bytes, stored_bytes = excluded.stored_bytes
                where workers.public_key = excluded.public_key""",
                hb.workerId(),
                hb.publicKey(),
                hb.slots(),
                hb.busySlots(),
                Timestamp.from(Instant.ofEpochMilli(hb.at())),
                hb.storageBytes(),
                hb.storedBytes());
        if (changed == 0) {
            return false;
        }
        keys.put(hb.workerId(), hb.publicKey());
        return true;
    }

    /** The key a worker registered with, if it has. */
    public Optional<String> keyOf(String workerId) {
        String key = keys.get(workerId);
        if (key == null) {
            List<String> found =
                    jdbc.queryForList("select public_key from workers where id = ?", String.class, workerId);
            if (!found.isEmpty()) {
                key = found.get(0);
                keys.put(workerId, key);
            }
        }
        return Optional.ofNullable(key);
    }

    public void count(List<Tally> tallies) {
        jdbc.batchUpdate(
                "update workers set accepted = accepted + ?, rejected = rejected + ? where id = ?",
                tallies,
                500,
                (ps, t) -> {
                    ps.setInt(1, t.accepted());
                    ps.setInt(2, t.rejected());
                    ps.setString(3, t.workerId());
                });
    }

    public List<WorkerRow> page(String afterId, int limit) {
        return jdbc.query("select * from workers where id > ? order by id limit ?", (rs, n) -> row(rs), afterId, limit);
    }

    /** Workers heard from since {@code since}: whose capacity the weighted strategy divides work by. */
    public List<WorkerRow> online(Instant since) {
        return new ArrayList<>(jdbc.query(
                "select * from workers where last_seen > ? order by id", (rs, n) -> row(rs), Timestamp.from(since)));
    }

    /** Workers heard from since {@code since} that offer space for shards. */
    public List<WorkerRow> storageOnline(Instant since) {
        return jdbc.query(
                "select * from workers where last_seen > ? and storage_bytes > 0 order by id",
                (rs, n) -> row(rs),
                Timestamp.from(since));
    }

    private static WorkerRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new WorkerRow(
                rs.getString("id"),
                rs.getString("public_key"),
                rs.getInt("slots"),
                rs.getInt("busy_slots"),
                rs.getLong("accepted"),
                rs.getLong("rejected"),
                rs.getTimestamp("last_seen").toInstant(),
                rs.getLong("storage_bytes"),
                rs.getLong("stored_bytes"));
    }
}
