package dev.dcp.scheduler.storage.object;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ObjectRepository {

    private final JdbcTemplate jdbc;

    ObjectRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertUploading(StoredObject o, Instant now) {
        jdbc.update(
                """
                insert into stored_objects (id, tenant_id, status, size, segment_size, k, m, wrapped_key, days,
                    started_at, touched_at)
                values (?, ?, 'UPLOADING', 0, ?, ?, ?, ?, ?, ?, ?)""",
                o.id(),
                o.tenantId(),
                o.segmentSize(),
                o.k(),
                o.m(),
                o.wrappedKey(),
                o.days(),
                Timestamp.from(now),
                Timestamp.from(now));
    }

    /**
     * The shards of one segment, recorded before they are sent (verdict SENT) so that a sweep finds every shard an
     * abandoned upload may have left on a worker; and how far the upload has come.
     */
    @Transactional
    void addPlacements(UUID objectId, List<ShardRecord> shards, long sizeSoFar, Instant now) {
        jdbc.batchUpdate("""
                insert into shard_placements (object_id, segment, shard, shard_id, worker_id, length, root, verdict)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", shards, shards.size(), (ps, s) -> {
            ps.setObject(1, s.objectId());
            ps.setInt(2, s.segment());
            ps.setInt(3, s.shard());
            ps.setString(4, s.shardId());
            ps.setString(5, s.workerId());
            ps.setInt(6, s.length());
            ps.setString(7, s.root());
            ps.setString(8, s.verdict());
        });
        jdbc.update(
                "update stored_objects set size = ?, touched_at = ? where id = ?",
                sizeSoFar,
                Timestamp.from(now),
                objectId);
    }

    void receipted(List<String> shardIds) {
        jdbc.batchUpdate(
                "update shard_placements set verdict = 'STORED' where shard_id = ?",
                shardIds,
                shardIds.size(),
                (ps, id) -> ps.setString(1, id));
    }

    /**
     * Makes an upload a stored object, in one statement.
     *
     * @return false when the tenant already has an object with this cid (its own upload is then to be dropped)
     */
    boolean complete(UUID id, String cid, long size, int segments, String merkleRoot, long escrowed, Instant storedAt) {
        try {
            return jdbc.update(
                            """
                            update stored_objects set status = 'STORED', cid = ?, size = ?, segments = ?,
                                merkle_root = ?, escrowed = ?, stored_at = ?, paid_through = ?, touched_at = ?
                            where id = ? and status = 'UPLOADING'""",
                            cid,
                            size,
                            segments,
                            merkleRoot,
                            escrowed,
                            Timestamp.from(storedAt),
                            Timestamp.from(storedAt),
                            Timestamp.from(storedAt),
                            id)
                    == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The tenant's object with this CID, once stored and until its deletion begins. */
    public Optional<StoredObject> findStored(String tenantId, String cid) {
        return jdbc
                .query(
                        "select * from stored_objects where tenant_id = ? and cid = ? and status = 'STORED'",
                        (rs, n) -> object(rs),
                        tenantId,
                        cid)
                .stream()
                .findFirst();
    }

    public List<ShardRecord> placements(UUID objectId) {
        return jdbc.query(
                "select * from shard_placements where object_id = ? order by segment, shard",
                (rs, n) -> shard(rs),
                objectId);
    }

    List<StoredObject> page(String tenantId, UUID after, int limit) {
        if (after == null) {
            return jdbc.query("""
                    select * from stored_objects where tenant_id = ? and status = 'STORED'
                    order by stored_at, id limit ?""", (rs, n) -> object(rs), tenantId, limit);
        }
        return jdbc.query("""
                select o.* from stored_objects o, stored_objects c
                where o.tenant_id = ? and o.status = 'STORED' and c.id = ? and c.tenant_id = o.tenant_id
                  and (o.stored_at, o.id) > (c.stored_at, c.id)
                order by o.stored_at, o.id limit ?""", (rs, n) -> object(rs), tenantId, after, limit);
    }

    /**
     * Bytes of the tenant's uploads under way: its quota counts them besides the stored objects contract-service
     * knows of.
     */
    long uploadingBytes(String tenantId) {
        Long used = jdbc.queryForObject(
                "select coalesce(sum(size), 0) from stored_objects where tenant_id = ? and status = 'UPLOADING'",
                Long.class,
                tenantId);
        return used == null ? 0 : used;
    }

    /** Takes an object out of every view; its shards are deleted after. */
    boolean markDeleting(UUID id) {
        return jdbc.update("update stored_objects set status = 'DELETING' where id = ? and status <> 'DELETING'", id)
                == 1;
    }

    /** Objects being deleted, and uploads that stopped moving before {@code before}: their shards are to go. */
    List<StoredObject> toSweep(Instant before, int limit) {
        return jdbc.query("""
                select * from stored_objects
                where status = 'DELETING' or (status = 'UPLOADING' and touched_at < ?)
                order by touched_at limit ?""", (rs, n) -> object(rs), Timestamp.from(before), limit);
    }

    void removePlacement(String shardId) {
        jdbc.update("delete from shard_placements where shard_id = ?", shardId);
    }

    void remove(UUID id) {
        jdbc.update("delete from stored_objects where id = ?", id);
    }

    /** Stored objects whose providers were last paid before {@code before}, or whose retention has ended. */
    public List<StoredObject> paymentDue(Instant before, Instant now, int limit) {
        return jdbc.query("""
                select * from stored_objects
                where status = 'STORED'
                  and (paid_through < ? or stored_at + days * interval '1 day' <= ?)
                order by paid_through limit ?""", (rs, n) -> object(rs), Timestamp.from(before), Timestamp.from(now), limit);
    }

    public void paidThrough(UUID id, Instant through) {
        jdbc.update("update stored_objects set paid_through = ? where id = ?", Timestamp.from(through), id);
    }

    public void setVerdict(String shardId, String verdict) {
        jdbc.update("update shard_placements set verdict = ? where shard_id = ?", verdict, shardId);
    }

    public Optional<StoredObject> byId(UUID id) {
        return jdbc.query("select * from stored_objects where id = ?", (rs, n) -> object(rs), id).stream()
                .findFirst();
    }

    /** Shards of stored objects last known good, those audited longest ago (or never) first. */
    public List<ShardRecord> auditable(int limit) {
        return jdbc.query("""
                select p.* from shard_placements p join stored_objects o on o.id = p.object_id
                where o.status = 'STORED' and p.verdict in ('STORED', 'PASSED')
                order by p.last_audit nulls first, random() limit ?""", (rs, n) -> shard(rs), limit);
    }

    public void audited(String shardId, String verdict, Instant at) {
        jdbc.update(
                "update shard_placements set verdict = ?, last_audit = ? where shard_id = ?",
                verdict,
                Timestamp.from(at),
                shardId);
    }

    /**
     * Shards of stored objects to rebuild elsewhere: found bad (failed an audit, missing, altered), or on a worker
     * not heard from since {@code goneBefore}.
     */
    public List<ShardRecord> lost(Instant goneBefore, int limit) {
        return jdbc.query("""
                select p.* from shard_placements p join stored_objects o on o.id = p.object_id
                left join workers w on w.id = p.worker_id
                where o.status = 'STORED'
                  and (p.verdict in ('FAILED', 'CORRUPT', 'MISSING') or w.last_seen is null or w.last_seen < ?)
                order by p.object_id, p.segment, p.shard limit ?""", (rs, n) -> shard(rs), Timestamp.from(goneBefore), limit);
    }

    /** A shard rebuilt onto another worker, which receipted it. */
    public void moved(String shardId, String workerId) {
        jdbc.update(
                "update shard_placements set worker_id = ?, verdict = 'STORED', last_audit = null where shard_id = ?",
                workerId,
                shardId);
    }

    private static StoredObject object(ResultSet rs) throws SQLException {
        Timestamp stored = rs.getTimestamp("stored_at");
        return new StoredObject(
                rs.getObject("id", UUID.class),
                rs.getString("tenant_id"),
                rs.getString("cid"),
                StoredObject.Status.valueOf(rs.getString("status")),
                rs.getLong("size"),
                rs.getInt("segment_size"),
                rs.getInt("k"),
                rs.getInt("m"),
                rs.getInt("segments"),
                rs.getString("merkle_root"),
                rs.getBytes("wrapped_key"),
                rs.getInt("days"),
                rs.getTimestamp("started_at").toInstant(),
                stored == null ? null : stored.toInstant(),
                rs.getLong("escrowed"),
                instant(rs.getTimestamp("paid_through")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static ShardRecord shard(ResultSet rs) throws SQLException {
        Timestamp audit = rs.getTimestamp("last_audit");
        return new ShardRecord(
                rs.getObject("object_id", UUID.class),
                rs.getInt("segment"),
                rs.getInt("shard"),
                rs.getString("shard_id"),
                rs.getString("worker_id"),
                rs.getInt("length"),
                rs.getString("root"),
                rs.getString("verdict"),
                audit == null ? null : audit.toInstant());
    }
}
