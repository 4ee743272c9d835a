package dev.dcp.scheduler.worker;

import dev.dcp.common.event.WorkerHeartbeat;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Workers as their heartbeats describe them, and the verdicts their answers earned. */
@Repository
public class WorkerRegistry {

    public record WorkerRow(String id, String publicKey, int slots, int busySlots, long accepted, long rejected,
                            Instant lastSeen) {
    }

    private final JdbcTemplate jdbc;

    WorkerRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void heartbeat(WorkerHeartbeat hb) {
        jdbc.update("""
                insert into workers (id, public_key, slots, busy_slots, last_seen) values (?, ?, ?, ?, ?)
                on conflict (id) do update set public_key = excluded.public_key, slots = excluded.slots,
                    busy_slots = excluded.busy_slots, last_seen = greatest(workers.last_seen, excluded.last_seen)""",
                hb.workerId(), hb.publicKey(), hb.slots(), hb.busySlots(), Timestamp.from(Instant.ofEpochMilli(hb.at())));
    }

    public void countVerdict(String workerId, boolean accepted) {
        jdbc.update(accepted ? "update workers set accepted = accepted + 1 where id = ?"
                : "update workers set rejected = rejected + 1 where id = ?", workerId);
    }

    public List<WorkerRow> page(String afterId, int limit) {
        return jdbc.query("select * from workers where id > ? order by id limit ?", (rs, n) -> new WorkerRow(
                rs.getString("id"), rs.getString("public_key"), rs.getInt("slots"), rs.getInt("busy_slots"),
                rs.getLong("accepted"), rs.getLong("rejected"), rs.getTimestamp("last_seen").toInstant()),
                afterId, limit);
    }
}
