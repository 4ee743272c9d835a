package dev.dcp.bench;

import dev.dcp.common.json.Json;
import dev.dcp.common.words.ByteRangeTally;
import dev.dcp.common.words.RangeJoin;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wordcount over a stored object against the same kernel over the same file read directly from disk. It writes a
 * text file (words of several scripts, multi-byte letters everywhere), counts it directly on every core in the
 * ranges the platform would cut (16 MiB, pulled from a shared counter, each fed in 4 MiB reads to the workers'
 * {@link ByteRangeTally}, the edges joined by {@link RangeJoin}), stores it through the gateway, and runs
 * {@code wordcount {"object": cid}} on the platform, from submit to COMPLETED. Both answers must agree.
 * {@code --phase direct} counts directly only (run it before the devnet starts, on an idle machine), {@code --phase
 * platform} runs only the jobs (counting directly once, untimed, to check their answers).
 * <pre>
 * ./dcp devnet --fresh &amp;
 * java -cp bench/target/benchmarks.jar dev.dcp.bench.WordcountObjectLoad --admin-key KEY --mib 1024 --rounds 3
 * </pre>
 */
public final class WordcountObjectLoad {

    private static final int RANGE = 16 << 20;
    private static final int READ = 4 << 20;
    private static final String[] WORDS = {
        "the", "and", "of", "storage", "Straße", "größer", "été", "naïve", "日本語", "Ωmega", "провайдер", "data", "a"
    };
    private static final String[] GAPS = {" ", " ", " ", ", ", ".\n", " — ", "\t", "-", "7"};

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LedgerLoad.options(args);
        String url = opts.getOrDefault("url", "http://localhost:8080");
        long bytes = Long.parseLong(opts.getOrDefault("mib", "1024")) << 20;
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        Path file = Path.of(opts.getOrDefault("file", "bench/target/wordcount-" + (bytes >> 20) + "mib.txt"));
        if (!Files.exists(file) || Files.size(file) != bytes) {
            write(file, bytes);
        }
        long size = Files.size(file);
        int threads = Runtime.getRuntime().availableProcessors();
        String phase = opts.getOrDefault("phase", "both");
        long[] direct = null;
        // the platform's phase counts once more directly, untimed, to check its answer against
        for (int round = phase.equals("platform") ? rounds : 0; round <= rounds; round++) {
            long start = System.nanoTime();
            direct = countDirectly(file, size, threads);
            if (!phase.equals("platform")) {
                System.out.printf(
                        "direct %s: %,d words, %,d distinct in %.2f s on %d threads%n",
                        round == 0 ? "warm-up" : "round " + round, direct[0], direct[1], seconds(start), threads);
            }
        }
        if (phase.equals("direct")) {
            return;
        }

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String key = ObjectLoad.tenant(http, url, opts.get("admin-key"));
        long start = System.nanoTime();
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/objects"))
                        .timeout(Duration.ofMinutes(30))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + put.statusCode() + ": " + put.body());
        }
        String cid = (String) Json.readMap(put.body()).get("cid");
        System.out.printf("stored %,d bytes in %.1f s as %s%n", size, seconds(start), cid);
        for (int round = 0; round <= rounds; round++) {
            start = System.nanoTime();
            Map<String, Object> job = runJob(http, url, key, cid);
            double took = seconds(start);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) job.get("result");
            long total = ((Number) result.get("total")).longValue();
            long distinct = ((Number) result.get("distinct")).longValue();
            if (total != direct[0] || distinct != direct[1]) {
                throw new IllegalStateException("the platform counted " + total + " words, " + distinct
                        + " distinct; directly: " + direct[0] + ", " + direct[1]);
            }
            System.out.printf(
                    "platform %s: %,d words, %,d distinct in %.2f s (%s subtasks)%n",
                    round == 0 ? "warm-up" : "round " + round, total, distinct, took, job.get("progress"));
        }
    }

    /** Total and distinct words of the file, counted as the platform's ranges would be, on every core. */
    static long[] countDirectly(Path file, long size, int threads) throws Exception {
        int ranges = (int) ((size + RANGE - 1) / RANGE);
        ByteRangeTally[] tallies = new ByteRangeTally[ranges];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    byte[] buffer = new byte[READ];
                    for (int r; (r = next.getAndIncrement()) < ranges; ) {
                        ByteRangeTally tally = new ByteRangeTally();
                        long end = Math.min(size, (long) (r + 1) * RANGE);
                        for (long at = (long) r * RANGE; at < end; ) {
                            ByteBuffer into = ByteBuffer.wrap(buffer, 0, (int) Math.min(READ, end - at));
                            while (into.hasRemaining()) {
                                channel.read(into, at + into.position());
                            }
                            tally.feed(buffer, 0, into.position());
                            at += into.position();
                        }
                        tallies[r] = tally;
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> counts = new HashMap<>();
        RangeJoin join = new RangeJoin();
        long total = 0;
        for (ByteRangeTally t : tallies) {
            total += t.total();
            t.counts().forEach((w, n) -> counts.merge(w, n[0], Long::sum));
            join.add(t.head(), t.tail());
        }
        join.finish();
        total += join.total();
        join.counts().forEach((w, n) -> counts.merge(w, n[0], Long::sum));
        return new long[] {total, counts.size()};
    }

    private static Map<String, Object> runJob(HttpClient http, String url, String key, String cid) throws Exception {
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Json.write(Map.of("kind", "wordcount", "input", Map.of("object", cid)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("the job answered " + submitted.statusCode() + ": " + submitted.body());
        }
        String id = (String) Json.readMap(submitted.body()).get("id");
        while (true) {
            Map<String, Object> job = Json.readMap(http.send(
                            HttpRequest.newBuilder(URI.create(url + "/api/v1/jobs/" + id))
                                    .header("Authorization", "Bearer " + key)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            Object status = job.get("status");
            if ("COMPLETED".equals(status)) {
                return job;
            }
            if ("FAILED".equals(status) || "CANCELLED".equals(status)) {
                throw new IllegalStateException("the job ended " + status + ": " + job);
            }
            Thread.sleep(20);
        }
    }

    private static void write(Path file, long bytes) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(18);
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                byte[] piece = (WORDS[random.nextInt(WORDS.length)] + GAPS[random.nextInt(GAPS.length)])
                        .getBytes(StandardCharsets.UTF_8);
                int n = (int) Math.min(piece.length, bytes - written); // exactly the size asked: 1 GiB is the limit
                out.write(piece, 0, n);
                written += n;
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
