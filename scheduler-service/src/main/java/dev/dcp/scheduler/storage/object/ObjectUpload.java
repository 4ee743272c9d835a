package dev.dcp.scheduler.storage.object;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.storage.ContentId;
import dev.dcp.common.storage.ObjectLayout;
import dev.dcp.common.storage.PlatformKey;
import dev.dcp.common.storage.SegmentCipher;
import dev.dcp.common.storage.SegmentCodec;
import dev.dcp.common.storage.ShardTree;
import dev.dcp.common.storage.StorageRecords;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.storage.StorageProperties;
import dev.dcp.scheduler.storage.StorageWorkers;
import dev.dcp.scheduler.storage.lease.StorageLeases;
import dev.dcp.scheduler.storage.placement.ShardPlacement;
import dev.dcp.scheduler.storage.transfer.ShardTransfer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Stores an object while its bytes stream in, one segment at a time: hash it into the CID, seal it, code it into
 * shards, record where each shard goes, send them, and keep a few segments in flight. Memory is a few segments,
 * whatever the object's size. The object is listed only once every shard is receipted with the root of exactly the
 * bytes sent; an upload that fails or stops leaves rows that the sweeper clears, with the shards they name.
 */
@Component
class ObjectUpload {

    /** The stored object, and whether this upload created it (false: the tenant had these bytes already). */
    record Outcome(StoredObject object, boolean created) {}

    private record InFlight(List<ShardRecord> shards, List<CompletableFuture<ShardTransfer.Reply>> replies) {}

    private final ObjectRepository repository;
    private final ShardTransfer transfer;
    private final StorageWorkers workers;
    private final PlatformKey platformKey;
    private final StorageProperties properties;
    private final ShardSweeper sweeper;
    private final StorageLeases leases;
    private final Clock clock;

    ObjectUpload(
            ObjectRepository repository,
            ShardTransfer transfer,
            StorageWorkers workers,
            PlatformKey platformKey,
            StorageProperties properties,
            ShardSweeper sweeper,
            StorageLeases leases,
            Clock clock) {
        this.repository = repository;
        this.transfer = transfer;
        this.workers = workers;
        this.platformKey = platformKey;
        this.properties = properties;
        this.sweeper = sweeper;
        this.leases = leases;
        this.clock = clock;
    }

    Outcome upload(String tenantId, InputStream body, long declaredLength, Integer k, Integer m, Integer days) {
        UploadOptions options = UploadOptions.check(k, m, days, properties);
        // the quota is contract-service's; uploads under way count against it too, until they are leased
        long remaining = leases.quote(tenantId).remainingBytes() - repository.uploadingBytes(tenantId);
        if (declaredLength > remaining) {
            throw overQuota(remaining);
        }
        int segmentSize = (int) properties.segmentSize().toBytes();
        byte[] objectKey = PlatformKey.newObjectKey();
        StoredObject object = new StoredObject(
                UUID.randomUUID(),
                tenantId,
                null,
                StoredObject.Status.UPLOADING,
                0,
                segmentSize,
                options.k(),
                options.m(),
                0,
                null,
                platformKey.wrap(objectKey),
                options.days(),
                clock.instant(),
                null,
                0,
                null);
        repository.insertUploading(object, clock.instant());
        try {
            return store(object, body, new SegmentCipher(objectKey), remaining);
        } catch (RuntimeException e) {
            abandon(object);
            throw e;
        }
    }

    private Outcome store(StoredObject object, InputStream body, SegmentCipher cipher, long remaining) {
        int segmentSize = object.segmentSize();
        int shardsPerSegment = object.k() + object.m();
        MessageDigest sha = Hashes.sha256();
        byte[] buffer = new byte[segmentSize];
        Deque<InFlight> window = new ArrayDeque<>();
        List<byte[]> roots = new ArrayList<>();
        Map<String, Long> planned = new HashMap<>();
        List<ShardPlacement.Candidate> candidates = null;
        long size = 0;
        int segments = 0;
        while (true) {
            int n = read(body, buffer);
            if (n == 0) {
                break;
            }
            size += n;
            if (size > remaining) {
                throw overQuota(remaining);
            }
            sha.update(buffer, 0, n);
            int segment = segments++;
            SegmentCodec codec = new SegmentCodec(
                    new ObjectLayout((long) segment * segmentSize + n, segmentSize, object.k(), object.m()));
            byte[][] shards = codec.encode(segment, cipher, buffer, 0);
            int shardLength = shards[0].length;
            if (candidates == null) {
                candidates = workers.candidates();
            }
            List<String> targets;
            try {
                targets = ShardPlacement.choose(
                        withPlanned(candidates, planned), shardsPerSegment, shardLength, segment, Set.of());
            } catch (ShardPlacement.NotEnoughWorkers e) {
                throw new ProblemException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Not enough storage",
                        "Storing with k=" + object.k() + ", m=" + object.m() + " needs " + e.needed()
                                + " online workers with room for a shard of " + shardLength + " bytes; " + e.available()
                                + " are available. Try again later, or ask for a smaller k + m.",
                        List.of(),
                        30L);
            }
            List<ShardRecord> records = new ArrayList<>(shardsPerSegment);
            for (int i = 0; i < shardsPerSegment; i++) {
                byte[] root = ShardTree.root(shards[i]);
                roots.add(root);
                records.add(new ShardRecord(
                        object.id(),
                        segment,
                        i,
                        object.id() + "-" + segment + "-" + i,
                        targets.get(i),
                        shardLength,
                        Hashes.hex(root),
                        ShardRecord.SENT,
                        null));
                planned.merge(targets.get(i), (long) shardLength, Long::sum);
            }
            repository.addPlacements(object.id(), records, size, clock.instant());
            List<CompletableFuture<ShardTransfer.Reply>> replies = new ArrayList<>(shardsPerSegment);
            for (int i = 0; i < shardsPerSegment; i++) {
                replies.add(transfer.send(
                        targets.get(i), StorageRecords.Op.STORE, records.get(i).shardId(), shards[i]));
            }
            window.add(new InFlight(records, replies));
            if (window.size() >= properties.segmentsInFlight()) {
                settle(window.poll());
            }
            if (n < segmentSize) {
                break;
            }
        }
        while (!window.isEmpty()) {
            settle(window.poll());
        }
        String cid = ContentId.ofSha256(sha.digest()).toString();
        String merkleRoot = Hashes.hex(ShardTree.objectRoot(roots));
        var existing = repository.findStored(object.tenantId(), cid);
        if (existing.isEmpty()) {
            // paid for before it is listed: a refusal (quota, credits) leaves nothing stored or billed
            StorageLeases.Lease lease = leases.open(new StorageLeases.Terms(
                    object.id(),
                    object.tenantId(),
                    cid,
                    size,
                    object.k(),
                    object.m(),
                    object.days(),
                    merkleRoot,
                    List.copyOf(planned.keySet())));
            if (repository.complete(
                    object.id(), cid, size, segments, merkleRoot, lease.escrowed(), lease.paidThrough())) {
                return new Outcome(repository.findStored(object.tenantId(), cid).orElseThrow(), true);
            }
            // the same bytes finished storing meanwhile in another upload of the tenant's: this lease goes back
            leases.close(object.id(), lease.paidThrough(), List.of(), "duplicate");
        }
        abandon(object); // the tenant has these bytes already: keep the first copy
        return new Outcome(
                existing.or(() -> repository.findStored(object.tenantId(), cid)).orElseThrow(), false);
    }

    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "Upload incomplete",
                    "The body ended before it was complete (" + e.getMessage() + "); nothing was stored.");
        }
    }

    /** Waits for a segment's receipts; each must name the root of exactly the shard sent. */
    private void settle(InFlight segment) {
        List<String> receipted = new ArrayList<>();
        for (int i = 0; i < segment.shards().size(); i++) {
            ShardRecord shard = segment.shards().get(i);
            ShardTransfer.Reply reply;
            try {
                reply = segment.replies().get(i).get();
            } catch (ExecutionException e) {
                throw unplaced(
                        shard,
                        e.getCause() instanceof java.util.concurrent.TimeoutException
                                ? "did not receipt it in time"
                                : "could not be sent it: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unplaced(shard, "was not waited for");
            }
            if (!reply.storedExactly(shard.root())) {
                throw unplaced(
                        shard,
                        reply.status() == StorageRecords.Status.STORED
                                ? "receipted other bytes than were sent"
                                : "refused it (" + reply.status() + ")");
            }
            receipted.add(shard.shardId());
        }
        repository.receipted(receipted);
    }

    private void abandon(StoredObject object) {
        repository.markDeleting(object.id());
        sweeper.sweepSoon(object.id());
    }

    private static List<ShardPlacement.Candidate> withPlanned(
            List<ShardPlacement.Candidate> candidates, Map<String, Long> planned) {
        return candidates.stream()
                .map(c -> new ShardPlacement.Candidate(
                        c.workerId(), c.providerId(), c.freeBytes() - planned.getOrDefault(c.workerId(), 0L)))
                .toList();
    }

    private static ProblemException unplaced(ShardRecord shard, String what) {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Storage unavailable",
                "Worker " + shard.workerId() + " " + what + " (segment " + shard.segment() + ", shard " + shard.shard()
                        + "); nothing was stored. Try again.",
                List.of(),
                5L);
    }

    private static ProblemException overQuota(long remaining) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                "Storage quota exceeded",
                "The object is larger than the " + Math.max(0, remaining)
                        + " bytes left in this tenant's storage quota; nothing was stored.",
                List.of(),
                null);
    }

    /** The code and retention an upload asks for, within the platform's bounds. */
    record UploadOptions(int k, int m, int days) {
        static UploadOptions check(Integer k, Integer m, Integer days, StorageProperties p) {
            int kk = k == null ? p.defaultK() : k;
            int mm = m == null ? p.defaultM() : m;
            int dd = days == null ? p.defaultDays() : days;
            List<ProblemException.FieldError> errors = new ArrayList<>();
            if (kk < 1 || kk > p.maxK()) {
                errors.add(new ProblemException.FieldError("k", "must be between 1 and " + p.maxK()));
            }
            if (mm < 1 || mm > p.maxM()) {
                errors.add(new ProblemException.FieldError("m", "must be between 1 and " + p.maxM()));
            }
            if (dd < 1 || dd > p.maxDays()) {
                errors.add(new ProblemException.FieldError("days", "must be between 1 and " + p.maxDays()));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            return new UploadOptions(kk, mm, dd);
        }
    }
}
