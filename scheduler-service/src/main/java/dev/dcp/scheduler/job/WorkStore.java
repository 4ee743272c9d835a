package dev.dcp.scheduler.job;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Subtasks and replicas in bulk, in plain JDBC: the hot path handles thousands of them a second, so each
 * step is one batched statement rather than an entity at a time. Callers hold the transaction.
 */
@Repository
public class WorkStore {

    static final int BATCH = 1000;

    public record SubtaskKey(String jobId, int idx) {}

    /** @param workBound the most an answer to it is paid for, in its kind's units; null for a subtask from before metering */
    public record SubtaskRow(
            String jobId, int idx, String input, String status, int attempts, String outputHash, Long workBound) {

        public SubtaskKey key() {
            return new SubtaskKey(jobId, idx);
        }
    }

    public record ReplicaRow(
            String id,
            String jobId,
            int idx,
            String workerId,
            String workerKey,
            String outputHash,
            String verdict,
            Instant dispatchedAt,
            Instant answeredAt) {

        public SubtaskKey key() {
            return new SubtaskKey(jobId, idx);
        }

        public boolean answered() {
            return answeredAt != null;
        }
    }

    public record NewReplica(String id, String jobId, int idx, Instant dispatchedAt, Instant leaseUntil) {}

    public record Answer(
            String replicaId,
            String workerId,
            String workerKey,
            String output,
            String outputHash,
            Long work,
            long cpuMillis,
            Instant at) {}

    public record Verdict(String replicaId, String verdict) {}

    /** @param work the units each accepted answer is paid for */
    public record Acceptance(SubtaskKey key, String output, String outputHash, long work) {}

    private final JdbcTemplate jdbc;

    WorkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement per job: a row each costs a round of parse, bind and execute in a batch, not in unnest. */
    public void insertSubtasks(String jobId, List<String> inputs, long[] workBounds, int attempts) {
        int[] idx = new int[inputs.size()];
        String[] ids = new String[inputs.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
            ids[i] = Subtask.idOf(jobId, i);
        }
        jdbc.update("""
                insert into subtasks (id, job_id, idx, input, status, attempts, work_bound)
                select k.id, ?, k.idx, k.input, ?, ?, k.work_bound
                from unnest(?::varchar[], ?::int[], ?::text[], ?::bigint[]) as k(id, idx, input, work_bound)""", jobId, Subtask.PENDING, attempts, ids, idx, inputs.toArray(String[]::new), workBounds);
    }

    public void insertReplicas(List<NewReplica> replicas) {
        int n = replicas.size();
        String[] ids = new String[n];
        String[] jobs = new String[n];
        int[] idx = new int[n];
        long[] dispatched = new long[n];
        long[] lease = new long[n];
        for (int i = 0; i < n; i++) {
            NewReplica r = replicas.get(i);
            ids[i] = r.id();
            jobs[i] = r.jobId();
            idx[i] = r.idx();
            dispatched[i] = micros(r.dispatchedAt());
            lease[i] = micros(r.leaseUntil());
        }
        jdbc.update("""
                insert into replicas (id, job_id, idx, verdict, dispatched_at, lease_until)
                select k.id, k.job_id, k.idx, ?, timestamptz 'epoch' + k.dispatched * interval '1 microsecond',
                    timestamptz 'epoch' + k.lease * interval '1 microsecond'
                from unnest(?::varchar[], ?::varchar[], ?::int[], ?::bigint[], ?::bigint[])
                    as k(id, job_id, idx, dispatched, lease)""", Replica.PENDING, ids, jobs, idx, dispatched, lease);
    }

    /** An instant as microseconds since the epoch, PostgreSQL's own precision, for {@code timestamptz 'epoch' + …}. */
    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public void addAttempts(Map<SubtaskKey, Integer> added) {
        jdbc.batchUpdate(
                "update subtasks set attempts = attempts + ? where id = ?",
                new ArrayList<>(added.entrySet()),
                BATCH,
                (ps, e) -> {
                    ps.setInt(1, e.getValue());
                    ps.setString(2, Subtask.idOf(e.getKey().jobId(), e.getKey().idx()));
                });
    }

    public Map<String, ReplicaRow> replicas(Collection<String> ids) {
        Map<String, ReplicaRow> out = new HashMap<>();
        jdbc.query(
                REPLICA_COLUMNS + " where id = any (?)",
                rs -> {
                    ReplicaRow r = replica(rs);
                    out.put(r.id(), r);
                },
                new Object[] {strings(ids)});
        return out;
    }

    /** Every replica of these subtasks, grouped by subtask. */
    public Map<SubtaskKey, List<ReplicaRow>> replicasOf(Collection<SubtaskKey> keys) {
        Map<SubtaskKey, List<ReplicaRow>> out = new LinkedHashMap<>();
        jdbc.query(
                """
                select r.id, r.job_id, r.idx, r.worker_id, r.worker_key, r.output_hash, r.verdict, r.dispatched_at,
                    r.answered_at
                from replicas r join unnest(?::varchar[], ?::int[]) as k(job_id, idx)
                    on r.job_id = k.job_id and r.idx = k.idx""",
                rs -> {
                    ReplicaRow r = replica(rs);
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                },
                keys.stream().map(SubtaskKey::jobId).toArray(String[]::new),
                keys.stream().map(SubtaskKey::idx).toArray(Integer[]::new));
        return out;
    }

    public Map<SubtaskKey, SubtaskRow> subtasks(Collection<SubtaskKey> keys) {
        Map<SubtaskKey, SubtaskRow> out = new HashMap<>();
        jdbc.query(
                "select job_id, idx, input, status, attempts, output_hash, work_bound from subtasks where id = any (?)",
                rs -> {
                    SubtaskRow s = new SubtaskRow(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getObject(7, Long.class));
                    out.put(s.key(), s);
                },
                new Object[] {
                    keys.stream().map(k -> Subtask.idOf(k.jobId(), k.idx())).toArray(String[]::new)
                });
        return out;
    }

    /** The accepted outputs of a job, in subtask order. */
    /**
     * One worker key's accepted answers in a job: what settlement pays for. A worker counts once per subtask, as
     * in the vote: a second replica of the same subtask that reached the same worker added nothing, and is not
     * paid (its first answer is).
     */
    public record AcceptedWork(String workerKey, long units, long cpuMillis, int replicas) {}

    /**
     * Each accepted answer is paid its subtask's agreed, bounded work; its reported CPU time is summed beside. Two
     * plain reads by job, joined here: joined in SQL, a planner that has not yet seen the tables grow picks a nested
     * loop over every subtask of the job for every replica, seconds per settlement of a 10,000-subtask job.
     */
    public List<AcceptedWork> acceptedWork(String jobId) {
        Map<Integer, Long> paid = new HashMap<>();
        jdbc.query(
                "select idx, work from subtasks where job_id = ? and work is not null",
                (ResultSet rs) -> {
                    paid.put(rs.getInt(1), rs.getLong(2));
                },
                jobId);
        Map<String, long[]> byKey = new TreeMap<>();
        jdbc.query(
                """
                select distinct on (idx, worker_key) idx, worker_key, cpu_millis from replicas
                where job_id = ? and verdict = 'ACCEPTED' and worker_key is not null
                order by idx, worker_key, answered_at""",
                (ResultSet rs) -> {
                    long[] sums = byKey.computeIfAbsent(rs.getString(2).strip(), k -> new long[3]);
                    sums[0] = Math.addExact(sums[0], paid.getOrDefault(rs.getInt(1), 0L));
                    sums[1] = Math.addExact(sums[1], rs.getLong(3));
                    sums[2]++;
                },
                jobId);
        List<AcceptedWork> out = new ArrayList<>(byKey.size());
        byKey.forEach((key, sums) -> out.add(new AcceptedWork(key, sums[0], sums[1], (int) sums[2])));
        return out;
    }

    public List<String> acceptedOutputs(String jobId) {
        return jdbc.queryForList("select output from subtasks where job_id = ? order by idx", String.class, jobId);
    }

    /**
     * Records answers, each with its verdict if the vote already judged it (null leaves it PENDING): one
     * statement for the whole batch, since a row-at-a-time update costs more than everything else here.
     */
    public void answer(List<Answer> answers, Map<String, String> verdicts) {
        if (answers.isEmpty()) {
            return;
        }
        int n = answers.size();
        String[] ids = new String[n];
        String[] workers = new String[n];
        String[] keys = new String[n];
        String[] outputs = new String[n];
        String[] hashes = new String[n];
        Long[] work = new Long[n];
        long[] cpu = new long[n];
        long[] at = new long[n];
        String[] verdict = new String[n];
        for (int i = 0; i < n; i++) {
            Answer a = answers.get(i);
            ids[i] = a.replicaId();
            workers[i] = a.workerId();
            keys[i] = a.workerKey();
            outputs[i] = a.output();
            hashes[i] = a.outputHash();
            work[i] = a.work();
            cpu[i] = a.cpuMillis();
            at[i] = micros(a.at());
            verdict[i] = verdicts.get(a.replicaId());
        }
        jdbc.update("""
                update replicas r set worker_id = v.worker_id, worker_key = v.worker_key, output = v.output,
                    output_hash = v.output_hash, work = v.work, cpu_millis = v.cpu_millis,
                    answered_at = timestamptz 'epoch' + v.answered_at * interval '1 microsecond',
                    verdict = coalesce(v.verdict, r.verdict)
                from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::varchar[])
                    as v(id, worker_id, worker_key, output, output_hash, work, cpu_millis, answered_at, verdict)
                where r.id = v.id""", ids, workers, keys, outputs, hashes, work, cpu, at, verdict);
    }

    public void verdicts(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                update replicas r set verdict = v.verdict from unnest(?::varchar[], ?::varchar[]) as v(id, verdict)
                where r.id = v.id""",
                verdicts.stream().map(Verdict::replicaId).toArray(String[]::new),
                verdicts.stream().map(Verdict::verdict).toArray(String[]::new));
    }

    public void accept(List<Acceptance> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                update subtasks s set status = ?, output = v.output, output_hash = v.output_hash, work = v.work
                from unnest(?::varchar[], ?::text[], ?::varchar[], ?::bigint[]) as v(id, output, output_hash, work)
                where s.id = v.id""",
                Subtask.ACCEPTED,
                accepted.stream()
                        .map(a -> Subtask.idOf(a.key().jobId(), a.key().idx()))
                        .toArray(String[]::new),
                accepted.stream().map(Acceptance::output).toArray(String[]::new),
                accepted.stream().map(Acceptance::outputHash).toArray(String[]::new),
                accepted.stream().mapToLong(Acceptance::work).toArray());
    }

    /** The stored output of an answered replica (the accepted one, when the accepting answer came earlier). */
    public String output(String replicaId) {
        return jdbc.queryForObject("select output from replicas where id = ?", String.class, replicaId);
    }

    /**
     * Ends a job's open work: its pending subtasks take {@code subtaskStatus}, its unanswered replicas are withdrawn.
     * Replica rows are locked in id order, as {@link #startLeases} locks them, so the two never deadlock.
     */
    public List<String> closeJob(String jobId, String subtaskStatus) {
        jdbc.update(
                "update subtasks set status = ? where job_id = ? and status = ?",
                subtaskStatus,
                jobId,
                Subtask.PENDING);
        return jdbc.queryForList("""
                update replicas r set verdict = ? from (
                    select id from replicas where job_id = ? and verdict = ? and answered_at is null
                    order by id for update) open
                where r.id = open.id
                returning r.id""", String.class, Replica.WITHDRAWN, jobId, Replica.PENDING);
    }

    /** Replicas that workers report running: their lease now runs from when they started. */
    public int startLeases(Map<String, Instant> startedAt, java.time.Duration lease) {
        int[][] counts = jdbc.batchUpdate(
                """
                update replicas set started_at = ?, lease_until = ?
                where id = ? and started_at is null and answered_at is null and verdict = 'PENDING'""",
                // in id order, as closeJob locks them
                new ArrayList<>(new java.util.TreeMap<>(startedAt).entrySet()),
                BATCH,
                (ps, e) -> {
                    ps.setTimestamp(1, Timestamp.from(e.getValue()));
                    ps.setTimestamp(2, Timestamp.from(e.getValue().plus(lease)));
                    ps.setString(3, e.getKey());
                });
        int n = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                n += Math.max(c, 0);
            }
        }
        return n;
    }

    /** The jobs of unanswered replicas whose lease ran out, oldest first; nothing is locked. */
    public List<String> jobsWithExpired(Instant now, int limit) {
        return jdbc.queryForList("""
                select distinct job_id from (select job_id from replicas
                    where verdict = 'PENDING' and answered_at is null and lease_until < ?
                    order by lease_until limit ?) oldest""", String.class, Timestamp.from(now), limit);
    }

    /**
     * A job's unanswered replicas whose lease ran out, locked. Callers lock the job first, as every writer of a
     * job's replicas does, so none waits on another in a cycle.
     */
    public List<ReplicaRow> expired(String jobId, Instant now) {
        return jdbc.query(REPLICA_COLUMNS + """
                 where job_id = ? and verdict = 'PENDING' and answered_at is null and lease_until < ?
                order by id for update skip locked""", (rs, n) -> replica(rs), jobId, Timestamp.from(now));
    }

    public long pendingOutbox() {
        Long n = jdbc.queryForObject("select count(*) from outbox", Long.class);
        return n == null ? 0 : n;
    }

    public long outstandingReplicas() {
        Long n = jdbc.queryForObject(
                "select count(*) from replicas where verdict = 'PENDING' and answered_at is null", Long.class);
        return n == null ? 0 : n;
    }

    /** Withdraws queued subtask messages the relay has not sent yet. */
    public int unqueue(String topic, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.update("delete from outbox where topic = ? and msg_key = any (?)", topic, strings(keys));
    }

    private static final String REPLICA_COLUMNS = """
            select id, job_id, idx, worker_id, worker_key, output_hash, verdict, dispatched_at, answered_at
            from replicas""";

    private static ReplicaRow replica(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp answered = rs.getTimestamp(9);
        return new ReplicaRow(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                answered == null ? null : answered.toInstant());
    }

    private static String[] strings(Collection<String> values) {
        return values.toArray(String[]::new);
    }
}
