package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.devnet.DevnetApi.Tenant;
import dev.dcp.testkit.Eventually;
import dev.dcp.testkit.GatewayCalls;
import dev.dcp.testkit.GeneratedBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Objects on the whole devnet, through the gateway only: bytes go up as a stream, come back byte for byte (whole
 * or by range), are named by a CID anyone can compute, live on the workers' disks only as ciphertext, and stay
 * readable with m workers' shards gone, failing clearly, never wrongly, with more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetStorageTest {

    static final String ADMIN_KEY = "dcp_admin_storage_test_key";
    static final int SEGMENT = 4 * 1024 * 1024;

    @TempDir
    static Path state;

    Devnet devnet;
    String base;
    DevnetApi api;
    Tenant alice;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Audits, repairs and a worker's lease on a test's time scale; read by the scheduler from the system properties. */
    static final Map<String, String> FAST_STORAGE = Map.of(
            "dcp.storage.audit-every", "1s",
            "dcp.storage.repair-every", "1s",
            "dcp.storage.worker-lease", "5s",
            "dcp.storage.payment-period", "2s",
            // the inline form of the text a wordcount over an object is checked against is 7 MiB of JSON
            "dcp.gateway.max-body-bytes", "10MB");

    @BeforeAll
    void startDevnet() {
        FAST_STORAGE.forEach(System::setProperty);
        devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false));
        base = devnet.gatewayUrl();
        api = new DevnetApi(base, ADMIN_KEY);
        api.awaitEligibleWorkers(3, Duration.ofSeconds(60));
        Eventually.await(
                "three storage workers",
                Duration.ofSeconds(30),
                () -> api.workers().stream()
                                        .filter(w -> DevnetApi.number(w.get("storageBytes")) > 0)
                                        .count()
                                == 3
                        ? true
                        : null);
        alice = api.tenant("alice", "consumer", 1_000_000_000);
    }

    @AfterAll
    void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
        FAST_STORAGE.keySet().forEach(System::clearProperty);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 12_345})
    @Order(1)
    void anObjectComesBackByteForByteUnderTheCidOfItsBytes(int size) throws Exception {
        byte[] content = random(size, size);

        HttpResponse<String> put = put(alice, content, "");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String cid = field(put.body(), "cid");
        assertThat(cid).isEqualTo(independentCid(content));
        assertThat(put.headers().firstValue("Location")).contains("/api/v1/objects/" + cid);
        HttpResponse<byte[]> get = get(alice, cid, null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(get.headers().firstValue("ETag")).contains("\"" + cid + "\"");
        assertThat(get.headers().firstValue("Accept-Ranges")).contains("bytes");
        HttpResponse<Void> head = send(
                request(alice, "/api/v1/objects/" + cid).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(size);
    }

    @Test
    @Order(2)
    void a300MibObjectStreamsUpAndDownByteForByte() throws Exception {
        long size = 300L << 20;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> put = send(
                request(alice, "/api/v1/objects")
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedBytes(size, 300, sent)),
                                size)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String cid = field(put.body(), "cid");
        assertThat(cid).isEqualTo(cidOfDigest(sent.digest()));
        assertThat(field(put.body(), "segments")).isEqualTo("75");

        HttpResponse<InputStream> get =
                send(request(alice, "/api/v1/objects/" + cid).GET(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = get.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.update(buffer, 0, n);
                count += n;
            }
        }
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(count).isEqualTo(size);
        assertThat(cidOfDigest(received.digest())).isEqualTo(cid);
        assertThat(send(request(alice, "/api/v1/objects/" + cid).DELETE(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(2)
    void everyRangeAcrossEverySegmentBoundaryIsExact() throws Exception {
        byte[] content = random(3 * SEGMENT + 777, 42);
        String cid = field(put(alice, content, "").body(), "cid");
        for (int boundary = SEGMENT; boundary < content.length; boundary += SEGMENT) {
            for (int[] r :
                    new int[][] {{boundary - 1, boundary}, {boundary, boundary}, {boundary - 10, boundary + 10}}) {
                HttpResponse<byte[]> part = get(alice, cid, "bytes=" + r[0] + "-" + r[1]);
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(content, r[0], r[1] + 1));
                assertThat(part.headers().firstValue("Content-Range"))
                        .contains("bytes " + r[0] + "-" + r[1] + "/" + content.length);
            }
        }
        assertThat(get(alice, cid, "bytes=-100").body())
                .isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 100, content.length));
        assertThat(get(alice, cid, "bytes=" + (content.length - 5) + "-").body())
                .isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 5, content.length));
        HttpResponse<byte[]> beyond = get(alice, cid, "bytes=" + content.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).contains("bytes */" + content.length);
    }

    @Test
    @Order(3)
    void theSameBytesAgainAreTheSameObjectAnswered200() throws Exception {
        byte[] content = random(100_000, 7);
        HttpResponse<String> first = put(alice, content, "");
        HttpResponse<String> again = put(alice, content, "");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(field(again.body(), "cid")).isEqualTo(field(first.body(), "cid"));
        assertThat(field(again.body(), "storedAt")).isEqualTo(field(first.body(), "storedAt"));
    }

    @Test
    @Order(3)
    void aWordcountOverAStoredObjectEqualsTheSameTextInline() throws Exception {
        // multi-byte letters everywhere, so that the segments' and the ranges' cuts fall inside words and characters
        StringBuilder text = new StringBuilder();
        long utf8 = 0;
        Random random = new Random(18);
        String[] words = {"Straße", "größer", "été", "naïve", "日本語", "Ωmega", "the", "and", "a", "𝐀𝐁", "cat"};
        String[] gaps = {" ", "  ", ", ", ".\n", " — ", "\t", "-", "1"};
        while (utf8 < 7L * 1024 * 1024) {
            String piece = words[random.nextInt(words.length)] + gaps[random.nextInt(gaps.length)];
            text.append(piece);
            utf8 += piece.getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isBetween(SEGMENT + 1, 8 * 1024 * 1024); // two segments; inline texts stop at 8 MiB
        String cid = field(put(alice, bytes, "").body(), "cid");

        String overObject = api.submit(alice, Map.of("kind", "wordcount", "input", Map.of("object", cid)));
        String overText = api.submit(alice, Map.of("kind", "wordcount", "input", Map.of("text", text.toString())));
        // a range is whole segments, so eight asked for are the two segments' two; each read by two workers
        String inSmallRanges = api.submit(
                alice, Map.of("kind", "wordcount", "input", Map.of("object", cid), "parallelism", 8, "redundancy", 2));

        Map<String, Object> fromObject = api.awaitEnd(alice, overObject);
        Map<String, Object> fromText = api.awaitEnd(alice, overText);
        Map<String, Object> twice = api.awaitEnd(alice, inSmallRanges);
        assertThat(fromObject.get("status")).as(String.valueOf(fromObject)).isEqualTo("COMPLETED");
        assertThat(twice.get("status")).as(String.valueOf(twice)).isEqualTo("COMPLETED");
        assertThat(fromObject.get("result")).isNotNull().isEqualTo(fromText.get("result"));
        assertThat(twice.get("result")).isEqualTo(fromText.get("result"));
        assertThat(DevnetApi.number(fromObject.get("work"))).isEqualTo(bytes.length);
        assertThat(DevnetApi.number(DevnetApi.asMap(fromObject.get("progress")).get("subtasks")))
                .isEqualTo(1);
        assertThat(DevnetApi.number(DevnetApi.asMap(twice.get("progress")).get("subtasks")))
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void aWordcountOverAnotherTenantsObjectOrNoObjectIsRefusedAndNothingRuns() throws Exception {
        String cid = field(
                put(alice, "alice's words".getBytes(StandardCharsets.UTF_8), "").body(), "cid");
        Tenant bob = api.tenant("bob", "consumer", 1_000_000);

        GatewayCalls.Reply other = api.call(
                "POST", "/api/v1/jobs", bob.key(), Map.of("kind", "wordcount", "input", Map.of("object", cid)));
        assertThat(other.status()).isEqualTo(400);
        assertThat(String.valueOf(other.body())).contains("input.object");
        GatewayCalls.Reply bad = api.call(
                "POST", "/api/v1/jobs", alice.key(), Map.of("kind", "wordcount", "input", Map.of("object", "QmNope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(String.valueOf(bad.body())).contains("input.object");
        GatewayCalls.Reply jobs = api.call("GET", "/api/v1/jobs", bob.key(), null);
        assertThat(String.valueOf(jobs.body())).doesNotContain("wordcount");
    }

    @Test
    @Order(4)
    void objectsArePrivateAndBadAddressesAreClearProblems() throws Exception {
        byte[] content = random(1000, 8);
        String cid = field(put(alice, content, "").body(), "cid");
        Tenant mallory = api.tenant("mallory", "consumer", 0);

        assertThat(get(mallory, cid, null).statusCode()).isEqualTo(404);
        assertThat(send(
                                request(mallory, "/api/v1/objects/" + cid + "/status")
                                        .GET(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> list =
                send(request(mallory, "/api/v1/objects").GET(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).doesNotContain(cid);

        HttpResponse<String> malformed =
                send(request(alice, "/api/v1/objects/QmNotACid").GET(), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(malformed.body()).contains("\"field\":\"cid\"");
        String unknown = independentCid("never stored".getBytes(StandardCharsets.UTF_8));
        assertThat(get(alice, unknown, null).statusCode()).isEqualTo(404);

        HttpResponse<String> json = send(
                request(alice, "/api/v1/objects")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        HttpResponse<String> badCode = put(alice, content, "?k=0&m=99");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(badCode.body()).contains("\"field\":\"k\"").contains("\"field\":\"m\"");
    }

    @Test
    @Order(5)
    void aProvidersDiskHoldsNoPlaintextOfAStoredText() throws Exception {
        String phrase = "attack at dawn, bring the blue folder ";
        byte[] text = phrase.repeat(50_000).getBytes(StandardCharsets.UTF_8);
        assertThat(put(alice, text, "").statusCode()).isEqualTo(201);

        List<Path> shards = shardFiles();
        assertThat(shards).isNotEmpty();
        byte[] needle = "bring the blue folder".getBytes(StandardCharsets.UTF_8);
        for (Path shard : shards) {
            assertThat(indexOf(Files.readAllBytes(shard), needle))
                    .as("%s", shard)
                    .isEqualTo(-1);
        }
    }

    @Test
    @Order(6)
    void anObjectStaysReadableWithOneWorkersShardsGoneAndFailsClearlyWithTwo() throws Exception {
        Set<Path> before = new HashSet<>(shardFiles());
        byte[] content = random(2 * SEGMENT + 999, 99);
        String cid = field(put(alice, content, "?k=2&m=1").body(), "cid");
        List<Path> mine = shardFiles().stream().filter(p -> !before.contains(p)).toList();
        assertThat(mine).hasSize(3 * 3);

        // one worker's shards of this object deleted from its disk
        Path firstWorker = mine.get(0).getParent();
        for (Path p : mine) {
            if (p.getParent().equals(firstWorker)) {
                Files.delete(p);
            }
        }
        assertThat(get(alice, cid, null).body()).isEqualTo(content);
        // found by the read (MISSING) or by an audit first (FAILED)
        assertThat(status(alice, cid)).containsPattern("\"verdict\":\"(MISSING|FAILED)\"");

        // and a second worker's: two of three shards of each segment gone
        Path secondWorker = mine.stream()
                .map(Path::getParent)
                .filter(d -> !d.equals(firstWorker))
                .findFirst()
                .orElseThrow();
        for (Path p : mine) {
            if (p.getParent().equals(secondWorker)) {
                Files.delete(p);
            }
        }
        HttpResponse<byte[]> failed = get(alice, cid, null);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(new String(failed.body(), StandardCharsets.UTF_8)).contains("segment 0");
        // a read of each segment finds its shards gone, and the status view then names every one
        for (int s = 0; s < 3; s++) {
            HttpResponse<byte[]> segment =
                    get(alice, cid, "bytes=" + ((long) s * SEGMENT) + "-" + ((long) s * SEGMENT));
            assertThat(segment.statusCode()).isEqualTo(503);
        }
        String status = status(alice, cid);
        assertThat(status).contains("\"readable\":0").contains("\"unreadableSegments\":[0,1,2]");
    }

    @Test
    @Order(7)
    void aDeletedObjectIsGoneWithItsShards() throws Exception {
        Set<Path> before = new HashSet<>(shardFiles());
        byte[] content = random(SEGMENT + 5, 5);
        String cid = field(put(alice, content, "").body(), "cid");
        List<Path> mine = shardFiles().stream().filter(p -> !before.contains(p)).toList();
        assertThat(mine).hasSize(6);

        HttpResponse<String> deleted =
                send(request(alice, "/api/v1/objects/" + cid).DELETE(), HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get(alice, cid, null).statusCode()).isEqualTo(404);
        Eventually.await(
                "the shards removed",
                Duration.ofSeconds(30),
                () -> mine.stream().noneMatch(Files::exists) ? true : null);
    }

    @Test
    @Order(8)
    void aClientThatStopsMidUploadLeavesNothingListedAndNoShardBehind() throws Exception {
        Tenant bob = api.tenant("bob", "consumer", 100_000_000);
        Set<Path> before = new HashSet<>(shardFiles());
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/objects HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                            + bob.key() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + (10 * SEGMENT) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(random(3 * SEGMENT, 3));
            out.flush();
            Thread.sleep(1500); // some segments reach the workers
        }
        // the scheduler gives the stalled body up after its read timeout (20 s), then deletes what was placed
        Eventually.await("nothing of the upload left on the workers", Duration.ofSeconds(90), () -> {
            try {
                return new HashSet<>(shardFiles()).equals(before) ? true : null;
            } catch (IOException e) {
                return null;
            }
        });
        HttpResponse<String> list = send(request(bob, "/api/v1/objects").GET(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).contains("\"items\":[]");
    }

    @Test
    @Order(9)
    void theListShowsTheTenantsObjectsWithTheirHealth() throws Exception {
        HttpResponse<String> list =
                send(request(alice, "/api/v1/objects?limit=2").GET(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"health\":{").contains("\"nextCursor\":\"");
        assertThat(api.workers())
                .allSatisfy(
                        w -> assertThat(DevnetApi.number(w.get("storedBytes"))).isPositive());
    }

    @Test
    @Order(10)
    void aWorkerThatFlipsOneByteIsCaughtByAnAuditSlashedAndItsShardRebuiltElsewhere() throws Exception {
        devnet.startWorker("worker-4", Map.of());
        Eventually.await(
                "four storage workers online",
                Duration.ofSeconds(60),
                () -> api.workers().stream()
                                        .filter(w -> "ONLINE".equals(w.get("status"))
                                                && Boolean.TRUE.equals(w.get("eligible")))
                                        .filter(w -> DevnetApi.number(w.get("storageBytes")) > 0)
                                        .count()
                                == 4
                        ? true
                        : null);
        long stakeBefore = stake();
        Set<Path> before = new HashSet<>(shardFiles());
        byte[] content = random(2 * SEGMENT + 3, 10);
        String cid = field(put(alice, content, "?k=2&m=1").body(), "cid");
        List<Path> mine = shardFiles().stream().filter(p -> !before.contains(p)).toList();
        assertThat(mine).hasSize(9);
        Path flipped = mine.get(4);
        String cheater =
                devnet.workerIdOf(flipped.getParent().getParent().getFileName().toString());
        long onCheaterBefore = placementsOn(cid, cheater);
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(flipped, bytes);

        Eventually.await("the altered shard rebuilt on another worker", Duration.ofSeconds(60), () -> {
            String status = uncheckedStatus(cid);
            boolean repaired = status.contains("\"fullyRedundant\":true")
                    && !status.contains("FAILED")
                    && placementsOn(cid, cheater) == onCheaterBefore - 1;
            return repaired ? true : null;
        });
        assertThat(get(alice, cid, null).body()).isEqualTo(content);
        Eventually.await(
                "the cheater's provider slashed", Duration.ofSeconds(30), () -> stake() < stakeBefore ? true : null);
        Eventually.await(
                "the slash on the chain, naming the object",
                Duration.ofSeconds(30),
                () -> api.chainTransactions().stream()
                                .filter(t -> "STAKE_SLASH".equals(t.get("type")))
                                .map(t -> String.valueOf(t.get("payload")))
                                .anyMatch(p -> p.contains("failed the audit of shard"))
                        ? true
                        : null);
        Map<String, Object> audit = Eventually.await("the ledger caught up", Duration.ofSeconds(30), () -> {
            Map<String, Object> a =
                    api.call("GET", "/api/v1/audit/credits", ADMIN_KEY, null).body();
            return Boolean.TRUE.equals(DevnetApi.asMap(a.get("ledger")).get("matches")) ? a : null;
        });
        assertThat(audit.get("conserved")).isEqualTo(true);
    }

    @Test
    @Order(11)
    void aWorkerGonePastItsLeaseHasItsShardsRebuiltOnTheOthers() throws Exception {
        byte[] content = random(SEGMENT + 11, 11);
        String cid = field(put(alice, content, "?k=2&m=1").body(), "cid");
        String holder = ((Map<?, ?>) ((List<?>) dev.dcp.common.json.Json.readMap(status(alice, cid))
                                .get("placements"))
                        .get(0))
                .get("workerId")
                .toString();
        String name = Stream.of("worker-1", "worker-2", "worker-3", "worker-4")
                .filter(n -> devnet.workerIdOf(n).equals(holder))
                .findFirst()
                .orElseThrow();
        assertThat(placementsOn(cid, holder)).isPositive();

        devnet.stop(name);

        Eventually.await("no shard left on the stopped worker", Duration.ofSeconds(90), () -> {
            String status = uncheckedStatus(cid);
            boolean repaired = placementsOn(cid, holder) == 0 && status.contains("\"fullyRedundant\":true");
            return repaired ? true : null;
        });
        assertThat(get(alice, cid, null).body()).isEqualTo(content);
    }

    @Test
    @Order(12)
    void storingEscrowsTheRetentionProvidersArePaidPerPeriodAndDeletingReturnsTheRest() throws Exception {
        long deposit = 100_000_000;
        Tenant carol = api.tenant("carol", "consumer", deposit);
        byte[] content = random(16 * SEGMENT + 9, 12);

        HttpResponse<String> put = put(carol, content, "?days=1&k=2&m=1");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        String cid = field(put.body(), "cid");
        // every shard byte for the day at the devnet workers' 1,000,000 a GiB-day, rounded up
        long escrow = BigInteger.valueOf(content.length)
                .multiply(BigInteger.valueOf(3 * 1_000_000L))
                .add(BigInteger.valueOf(2L << 30).subtract(BigInteger.ONE))
                .divide(BigInteger.valueOf(2L << 30))
                .longValueExact();
        assertThat(DevnetApi.number(dev.dcp.common.json.Json.readMap(put.body()).get("escrowed")))
                .isEqualTo(escrow);
        assertThat(account(carol)).containsEntry("balance", deposit - escrow).containsEntry("escrowed", escrow);
        Map<String, Object> status = dev.dcp.common.json.Json.readMap(status(carol, cid));
        assertThat(Instant.parse((String) status.get("paidUntil")))
                .isEqualTo(Instant.parse(field(put.body(), "storedAt")).plus(Duration.ofDays(1)));

        List<Map<String, Object>> payments =
                Eventually.await("the providers paid for a period", Duration.ofSeconds(60), () -> {
                    List<Map<String, Object>> paid = statement(carol, cid, "PAYMENT");
                    return paid.isEmpty() ? null : paid;
                });
        assertThat(payments).allSatisfy(line -> assertThat(line.get("jobId")).isNull());

        HttpResponse<String> deleted =
                send(request(carol, "/api/v1/objects/" + cid).DELETE(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);

        List<Map<String, Object>> released =
                Eventually.await("the rest of the escrow back", Duration.ofSeconds(30), () -> {
                    List<Map<String, Object>> r = statement(carol, cid, "ESCROW_RELEASE");
                    return r.isEmpty() ? null : r;
                });
        List<Map<String, Object>> paidLines = statement(carol, cid, "PAYMENT");
        long paid = paidLines.stream()
                .mapToLong(line -> DevnetApi.number(line.get("amount")))
                .sum();
        assertThat(paid).isPositive().isLessThan(escrow);
        assertThat(DevnetApi.number(released.get(0).get("amount"))).isEqualTo(escrow - paid);
        assertThat(account(carol))
                .as("what the providers were not paid came back")
                .containsEntry("balance", deposit - paid)
                .containsEntry("escrowed", 0L);

        List<Map<String, Object>> onChain =
                Eventually.await("the object's life on the chain", Duration.ofSeconds(30), () -> {
                    List<Map<String, Object>> txs = api.chainTransactions().stream()
                            .filter(t ->
                                    cid.equals(DevnetApi.asMap(t.get("payload")).get("object")))
                            .toList();
                    return txs.stream().anyMatch(t -> "OBJECT_DELETED".equals(t.get("type"))) ? txs : null;
                });
        assertThat(onChain)
                .extracting(t -> (String) t.get("type"))
                .filteredOn(type -> !"PAYMENT".equals(type))
                .containsExactlyInAnyOrder("OBJECT_STORED", "ESCROW_LOCK", "ESCROW_RELEASE", "OBJECT_DELETED");
        assertThat(onChain)
                .filteredOn(t -> "PAYMENT".equals(t.get("type")))
                .hasSameSizeAs(paidLines)
                .allSatisfy(t -> assertThat(DevnetApi.asMap(t.get("payload")))
                        .containsEntry("from", carol.id())
                        .containsKey("worker")
                        .doesNotContainKey("job"));
        assertThat(onChain)
                .filteredOn(t -> "OBJECT_STORED".equals(t.get("type")))
                .singleElement()
                .satisfies(t -> assertThat(DevnetApi.asMap(t.get("payload")))
                        .containsEntry("tenant", carol.id())
                        .containsEntry("size", content.length)
                        .containsEntry("k", 2)
                        .containsEntry("m", 1)
                        .containsEntry("merkleRoot", field(put.body(), "merkleRoot")));
        Map<String, Object> audit = Eventually.await("the ledger caught up", Duration.ofSeconds(30), () -> {
            Map<String, Object> a =
                    api.call("GET", "/api/v1/audit/credits", ADMIN_KEY, null).body();
            return Boolean.TRUE.equals(DevnetApi.asMap(a.get("ledger")).get("matches")) ? a : null;
        });
        assertThat(audit.get("conserved")).isEqualTo(true);
    }

    @Test
    @Order(13)
    void anObjectOverTheStorageQuotaIsA413AndOneTheBalanceCannotPayIsA402AndNeitherIsKept() throws Exception {
        Tenant dave = api.tenant("dave", "consumer", 100_000_000);
        assertThat(api.call(
                                "PUT",
                                "/api/v1/tenants/" + dave.id() + "/quota",
                                ADMIN_KEY,
                                Map.of("storageBytes", SEGMENT))
                        .status())
                .isEqualTo(200);
        HttpResponse<String> over = put(dave, random(SEGMENT + 1, 13), "");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("Storage quota exceeded");

        Tenant erin = api.tenant("erin", "consumer", 1);
        Set<Path> before = new HashSet<>(shardFiles());
        HttpResponse<String> dear = put(erin, random(SEGMENT, 14), "?days=30");
        assertThat(dear.statusCode()).as(dear.body()).isEqualTo(402);
        assertThat(dear.body()).contains("Insufficient credits");
        assertThat(account(erin)).containsEntry("balance", 1L).containsEntry("escrowed", 0L);
        for (Tenant t : List.of(dave, erin)) {
            HttpResponse<String> list = send(request(t, "/api/v1/objects").GET(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.body()).contains("\"items\":[]");
        }
        Eventually.await("the refused object's shards removed", Duration.ofSeconds(30), () -> {
            try {
                return before.containsAll(shardFiles()) ? true : null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    private Map<String, Object> account(Tenant t) {
        Map<String, Object> me =
                api.call("GET", "/api/v1/accounts/me", t.key(), null).body();
        return Map.of("balance", DevnetApi.number(me.get("balance")), "escrowed", DevnetApi.number(me.get("escrowed")));
    }

    /** The tenant's statement lines of one type that name the object. */
    private List<Map<String, Object>> statement(Tenant t, String cid, String type) {
        List<Map<String, Object>> lines = new ArrayList<>();
        ((List<?>) api.call("GET", "/api/v1/accounts/me/statement?limit=500", t.key(), null)
                        .body()
                        .get("items"))
                .forEach(i -> lines.add(DevnetApi.asMap(i)));
        return lines.stream()
                .filter(l -> type.equals(l.get("type")) && cid.equals(l.get("object")))
                .toList();
    }

    private long stake() {
        return DevnetApi.number(api.call("GET", "/api/v1/accounts/me", devnet.providerApiKey(), null)
                .body()
                .get("stake"));
    }

    private long placementsOn(String cid, String workerId) {
        return (long) uncheckedStatus(cid).split("\"workerId\":\"" + workerId + "\"", -1).length - 1;
    }

    private String uncheckedStatus(String cid) {
        try {
            return status(alice, cid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---

    private HttpResponse<String> put(Tenant t, byte[] content, String query) throws Exception {
        return send(
                request(t, "/api/v1/objects" + query)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(Tenant t, String cid, String range) throws Exception {
        HttpRequest.Builder r = request(t, "/api/v1/objects/" + cid).GET();
        if (range != null) {
            r.header("Range", range);
        }
        return send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    private String status(Tenant t, String cid) throws Exception {
        return send(request(t, "/api/v1/objects/" + cid + "/status").GET(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpRequest.Builder request(Tenant t, String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + t.key());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(request.build(), body);
    }

    private List<Path> shardFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> workers = Files.list(state.resolve("workers"))) {
            for (Path w : (Iterable<Path>) workers::iterator) {
                Path shards = w.resolve("shards");
                if (Files.isDirectory(shards)) {
                    try (Stream<Path> files = Files.list(shards)) {
                        files.filter(f -> !f.getFileName().toString().startsWith("."))
                                .forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    static String independentCid(byte[] content) throws Exception {
        return cidOfDigest(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** The CIDv1 (raw, sha2-256, base32) of content with this SHA-256, by the multiformats spec, not dcp's code. */
    static String cidOfDigest(byte[] digest) {
        byte[] binary = new byte[36];
        binary[0] = 0x01;
        binary[1] = 0x55;
        binary[2] = 0x12;
        binary[3] = 0x20;
        System.arraycopy(digest, 0, binary, 4, 32);
        return "b" + new Base32().encodeAsString(binary).replace("=", "").toLowerCase(Locale.ROOT);
    }

    private static String field(String json, String name) {
        Object v = dev.dcp.common.json.Json.readMap(json).get(name);
        return v == null ? null : v.toString();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
