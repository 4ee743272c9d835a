package dev.dcp.scheduler.storage.compute;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import dev.dcp.common.storage.ObjectKeySeal;
import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.PlatformKey;
import dev.dcp.common.storage.RangeRead;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.common.storage.StorageRecords.Op;
import dev.dcp.scheduler.job.Job;
import dev.dcp.scheduler.job.JobRepository;
import dev.dcp.scheduler.job.WorkStore;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.object.ObjectRepository;
import dev.dcp.scheduler.storage.object.ShardFetcher;
import dev.dcp.scheduler.storage.object.ShardRecord;
import dev.dcp.scheduler.storage.object.StoredObject;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import dev.dcp.scheduler.worker.WorkerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers a worker's request to read the stored object of a replica it runs ({@link RangeRead}). The request must be
 * signed by the worker; the replica must be an unanswered one of a job whose input is that object, still stored by
 * the job's tenant; and a replica's read is given to one worker only, the first to ask ({@code object_reads}). Then
 * the worker gets the object key sealed to the key in its request, and for each segment of its range the shards it
 * does not hold itself, each checked against its recorded root on the way. Anything else is a refusal, which the
 * worker reports as its failure, or as a fault when no worker could read the range.
 */
@Component
class RangeGrants {

    private static final Logger log = LoggerFactory.getLogger(RangeGrants.class);

    private final ShardTransfer transfer;
    private final ShardFetcher fetcher;
    private final ObjectRepository objects;
    private final WorkStore work;
    private final JobRepository jobs;
    private final WorkerRegistry registry;
    private final StorageWorkers workers;
    private final PlatformKey platformKey;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter granted;
    private final Counter refused;
    /** Segments fetched ahead of the one being sent, per read. */
    private static final int LOOKAHEAD = 2;

    private final ExecutorService reads = Executors.newFixedThreadPool(6, r -> {
        Thread t = new Thread(r, "range-grants");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService fetches = Executors.newFixedThreadPool(12, r -> {
        Thread t = new Thread(r, "range-fetches");
        t.setDaemon(true);
        return t;
    });

    RangeGrants(
            ShardTransfer transfer,
            ShardFetcher fetcher,
            ObjectRepository objects,
            WorkStore work,
            JobRepository jobs,
            WorkerRegistry registry,
            StorageWorkers workers,
            PlatformKey platformKey,
            JdbcTemplate jdbc,
            MeterRegistry meters,
            Clock clock) {
        this.transfer = transfer;
        this.fetcher = fetcher;
        this.objects = objects;
        this.work = work;
        this.jobs = jobs;
        this.registry = registry;
        this.workers = workers;
        this.platformKey = platformKey;
        this.jdbc = jdbc;
        this.clock = clock;
        this.granted = meters.counter("dcp.scheduler.storage.range.reads", "outcome", "granted");
        this.refused = meters.counter("dcp.scheduler.storage.range.reads", "outcome", "refused");
    }

    @PostConstruct
    void listen() {
        transfer.onReadRequests(record -> {
            try {
                reads.execute(() -> accept(record));
            } catch (RejectedExecutionException e) {
                // stopping: the worker's read times out and its replica goes elsewhere
            }
        });
    }

    @PreDestroy
    void close() {
        reads.shutdownNow();
        fetches.shutdownNow();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        RangeRead.Request request;
        try {
            request = Json.read(new String(record.value(), StandardCharsets.UTF_8), RangeRead.Request.class);
        } catch (RuntimeException e) {
            log.warn("ignored a read request that is not one: {}", e.toString());
            return;
        }
        String key = registry.keyOf(request.worker()).orElse(null);
        String signature = StorageRecords.get(record.headers(), StorageRecords.SIGNATURE);
        if (key == null || !Ed25519.verifyHex(key, request.signed(), signature)) {
            // not the worker's: answering would tell a stranger something, so nothing goes back
            log.warn(
                    "ignored a read request for replica {} not signed by worker {}",
                    request.replica(),
                    request.worker());
            return;
        }
        try {
            serve(request);
            granted.increment();
        } catch (ReadRules.Refusal e) {
            refuse(request, e.getMessage(), e.everywhere());
        } catch (RuntimeException e) {
            log.warn("the read of replica {} for worker {} failed", request.replica(), request.worker(), e);
            refuse(request, "the scheduler could not serve the read: " + e.getMessage(), false);
        }
    }

    private void serve(RangeRead.Request request) {
        Read read = check(request);
        StoredObject object = read.object();
        ObjectLayout layout = object.layout();
        Map<Integer, List<ShardRecord>> bySegment =
                objects.placements(object.id()).stream().collect(Collectors.groupingBy(ShardRecord::segment));
        Set<String> online = workers.online();
        int first = layout.segmentOf(read.from());
        int last = layout.segmentOf(read.to() - 1);
        List<RangeRead.Local> local = new ArrayList<>();
        if (request.useLocal()) {
            for (int s = first; s <= last; s++) {
                ownShard(bySegment.getOrDefault(s, List.of()), request.worker(), online)
                        .ifPresent(shard -> local.add(
                                new RangeRead.Local(shard.segment(), shard.shard(), shard.shardId(), shard.root())));
            }
        }
        byte[] sealed = ObjectKeySeal.seal(
                platformKey.unwrap(object.wrappedKey()),
                Base64.getDecoder().decode(request.publicKey()),
                request.request());
        RangeRead.Grant grant = new RangeRead.Grant(
                Base64.getEncoder().encodeToString(sealed),
                layout.size(),
                layout.segmentSize(),
                layout.k(),
                layout.m(),
                local);
        send(request, RangeRead.Part.GRANT, Map.of(), Json.write(grant).getBytes(StandardCharsets.UTF_8));
        Map<Integer, RangeRead.Local> ownBySegment =
                local.stream().collect(Collectors.toMap(RangeRead.Local::segment, l -> l));
        // the next segments' shards are fetched while one is on its way: the fetches wait on other workers' loops
        Deque<Future<byte[][]>> ahead = new ArrayDeque<>();
        int next = first;
        try {
            for (int s = first; s <= last; s++) {
                while (next <= last && ahead.size() <= LOOKAHEAD) {
                    int segment = next++;
                    RangeRead.Local own = ownBySegment.get(segment);
                    List<ShardRecord> others = bySegment.getOrDefault(segment, List.of()).stream()
                            .filter(shard -> own == null || shard.shard() != own.shard())
                            .toList();
                    int wanted = object.k() - (own == null ? 0 : 1);
                    ahead.add(fetches.submit(() -> segmentShards(object, segment, others, online, wanted)));
                }
                byte[][] good = await(ahead.poll());
                ByteArrayOutputStream value =
                        new ByteArrayOutputStream(ShardFetcher.count(good) * layout.shardLength(s));
                StringJoiner indices = new StringJoiner(",");
                for (int i = 0; i < good.length; i++) {
                    if (good[i] != null) {
                        value.writeBytes(good[i]);
                        indices.add(Integer.toString(i));
                    }
                }
                send(
                        request,
                        RangeRead.Part.SEGMENT,
                        Map.of(RangeRead.SEGMENT, Integer.toString(s), RangeRead.SHARDS, indices.toString()),
                        value.toByteArray());
            }
        } finally {
            ahead.forEach(f -> f.cancel(true));
        }
    }

    private byte[][] segmentShards(
            StoredObject object, int segment, List<ShardRecord> others, Set<String> online, int wanted) {
        byte[][] good = fetcher.goodShards(object, others, online, wanted);
        if (ShardFetcher.count(good) < wanted) {
            throw new ReadRules.Refusal(
                    "segment " + segment + " of " + object.cid() + " has fewer good shards than the " + object.k()
                            + " needed to read it",
                    true);
        }
        return good;
    }

    private static byte[][] await(Future<byte[][]> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        }
    }

    private record Read(StoredObject object, long from, long to) {}

    /** The replica's read, if the request may have it. */
    private Read check(RangeRead.Request request) {
        WorkStore.ReplicaRow replica = work.replicas(List.of(request.replica())).get(request.replica());
        WorkStore.SubtaskRow subtask =
                replica == null ? null : work.subtasks(List.of(replica.key())).get(replica.key());
        Job job = replica == null ? null : jobs.findById(replica.jobId()).orElse(null);
        ReadRules.Span span = ReadRules.spanOf(
                request.replica(),
                replica,
                job == null ? null : job.getKind(),
                subtask == null ? null : Json.readMap(subtask.input()));
        StoredObject object = objects.findStored(job.getTenantId(), span.cid())
                .orElseThrow(() -> new ReadRules.Refusal("object " + span.cid() + " is no longer stored", true));
        ReadRules.Span read = ReadRules.within(span, object.size());
        ReadRules.givenTo(claim(request.replica(), request.worker(), object), request.worker(), request.replica());
        return new Read(object, read.from(), read.to());
    }

    /** Gives the replica's read to this worker unless another has it already; the worker that has it. */
    private String claim(String replicaId, String workerId, StoredObject object) {
        jdbc.update(
                "insert into object_reads (replica_id, worker_id, object_id, granted_at) values (?, ?, ?, ?)"
                        + " on conflict (replica_id) do nothing",
                replicaId,
                workerId,
                object.id(),
                java.sql.Timestamp.from(clock.instant()));
        return jdbc.queryForObject("select worker_id from object_reads where replica_id = ?", String.class, replicaId);
    }

    /** A good shard of the segment that the asking worker holds, a data shard first. */
    private static Optional<ShardRecord> ownShard(List<ShardRecord> shards, String workerId, Set<String> online) {
        return shards.stream()
                .filter(s -> s.workerId().equals(workerId) && s.healthyOn(online))
                .min(Comparator.comparingInt(ShardRecord::shard));
    }

    private void refuse(RangeRead.Request request, String reason, boolean everywhere) {
        refused.increment();
        log.info("refused the read of replica {} by worker {}: {}", request.replica(), request.worker(), reason);
        try {
            send(
                    request,
                    RangeRead.Part.REFUSED,
                    Map.of(),
                    Json.write(new RangeRead.Refusal(reason, everywhere)).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("could not tell worker {} of the refusal: {}", request.worker(), e.toString());
        }
    }

    /** One part of the answer, on the bus before the next is fetched: a read holds a segment or two, no more. */
    private void send(RangeRead.Request request, RangeRead.Part part, Map<String, String> headers, byte[] value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(RangeRead.PART, part.name());
        try {
            transfer.push(request.worker(), Op.RANGE, request.request(), all, value)
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the bus did not take a part of the read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
