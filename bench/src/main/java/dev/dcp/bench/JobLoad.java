package dev.dcp.bench;

import dev.dcp.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Load generator for job execution, against a running devnet (or any deployment) through the gateway's public
 * API only. Three measurements, each against its target in issue 4:
 * <ul>
 *   <li>{@code throughput}: jobs of many tiny subtasks (redundancy 1); completed subtasks per second, from the
 *       first submission to the last job's completion as the client sees it.</li>
 *   <li>{@code latency}: one-subtask jobs one after another; submit to {@code COMPLETED} as the client sees it
 *       (polling, or with {@code --client sse} the job's event stream), and as the scheduler recorded it
 *       ({@code completedAt - submittedAt}). {@code --warmup N} jobs run first and are not counted (0: the
 *       first jobs after a start are what is measured).</li>
 *   <li>{@code overhead}: primes in [0, 2·10^9) on the platform, for comparison with {@code PrimesDirect}.</li>
 *   <li>{@code adaptive}: the same redundancy-2 job with full replication and with {@code "adaptive": true};
 *       replicas executed per subtask, CPU paid for, cost and time of each (issue 5).</li>
 * </ul>
 * <pre>
 * ./dcp devnet --fresh &amp;   # then, with the admin key it prints:
 * ./mvnw -q -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.JobLoad \
 *     -Dexec.args="--url http://localhost:8080 --admin-key $(cat .dcp/devnet/admin.key) --mode throughput"
 * </pre>
 */
public final class JobLoad {

    private static final List<String> FINAL = List.of("COMPLETED", "FAILED", "CANCELLED");

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private String key;
    private boolean blockingClient;
    private boolean sseClient;

    private JobLoad(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LedgerLoad.options(args);
        JobLoad load = new JobLoad(opts.getOrDefault("url", "http://localhost:8080"));
        String clientKind = opts.getOrDefault("client", "jdk");
        load.sseClient = "sse".equals(clientKind);
        // the SSE client submits with the blocking client and then reads the job's event stream
        load.blockingClient = "blocking".equals(clientKind) || load.sseClient;
        load.key = load.tenant(opts.get("admin-key"));
        switch (opts.getOrDefault("mode", "throughput")) {
            case "throughput" ->
                load.throughput(
                        Integer.parseInt(opts.getOrDefault("jobs", "4")),
                        Integer.parseInt(opts.getOrDefault("subtasks", "10000")),
                        Integer.parseInt(opts.getOrDefault("rounds", "3")));
            case "latency" -> {
                int jobs = Integer.parseInt(opts.getOrDefault("jobs", "300"));
                load.latency(
                        jobs, Integer.parseInt(opts.getOrDefault("warmup", Integer.toString(Math.min(50, jobs / 5)))));
            }
            case "overhead" ->
                load.overhead(
                        Long.parseLong(opts.getOrDefault("to", "2000000000")),
                        Integer.parseInt(opts.getOrDefault("parallelism", "48")),
                        Integer.parseInt(opts.getOrDefault("rounds", "3")));
            case "adaptive" ->
                load.adaptive(
                        Integer.parseInt(opts.getOrDefault("subtasks", "200")),
                        Long.parseLong(opts.getOrDefault("to", "400000000")),
                        Integer.parseInt(opts.getOrDefault("rounds", "3")));
            default -> throw new IllegalArgumentException("--mode throughput|latency|overhead|adaptive");
        }
    }

    /** A fresh consumer tenant with plenty of credit; its API key. */
    private String tenant(String adminKey) {
        if (adminKey == null) {
            throw new IllegalArgumentException("--admin-key is required (the devnet prints it)");
        }
        Map<String, Object> t = call(
                "POST", "/api/v1/tenants", adminKey, Map.of("name", "load-" + System.nanoTime(), "role", "consumer"));
        call("POST", "/api/v1/tenants/" + t.get("id") + "/deposits", adminKey, Map.of("amount", 1_000_000_000_000L));
        return (String) t.get("apiKey");
    }

    private void throughput(int jobs, int subtasks, int rounds) throws InterruptedException {
        ExecutorService submitters = Executors.newFixedThreadPool(jobs);
        List<Double> rates = new ArrayList<>();
        // a tiny subtask: 100 numbers of a sieve, microseconds of work; what is measured is the platform
        long perSubtask = 100;
        System.out.printf(
                "throughput: %d jobs x %,d subtasks of %d numbers, redundancy 1, %d rounds%n",
                jobs, subtasks, perSubtask, rounds + 1);
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            // the jobs go in concurrently, as several clients (or one asynchronous client) would send them
            List<CompletableFuture<String>> submissions = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                long from = (long) j * subtasks * perSubtask;
                submissions.add(CompletableFuture.supplyAsync(
                        () -> submit(Map.of(
                                "kind",
                                "primes",
                                "input",
                                Map.of("from", from, "to", from + subtasks * perSubtask),
                                "parallelism",
                                subtasks,
                                "redundancy",
                                1)),
                        submitters));
            }
            List<String> ids = submissions.stream().map(CompletableFuture::join).toList();
            double submitted = (System.nanoTime() - start) / 1e9;
            List<Map<String, Object>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(await(id, Duration.ofMinutes(10), 20));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = (long) jobs * subtasks;
            double server = done.stream()
                            .mapToDouble(j -> seconds(j, "completedAt"))
                            .max()
                            .orElse(0)
                    - done.stream()
                            .mapToDouble(j -> seconds(j, "submittedAt"))
                            .min()
                            .orElse(0);
            System.out.printf(
                    "%s %,d subtasks in %.2f s (submitting took %.2f s): %,.0f subtasks/s; "
                            + "first submit to last completion on the server %.2f s: %,.0f subtasks/s%n",
                    round == 0 ? "warm-up" : "round " + round,
                    total,
                    seconds,
                    submitted,
                    total / seconds,
                    server,
                    total / server);
            for (Map<String, Object> j : done) {
                if (!"COMPLETED".equals(j.get("status"))) {
                    throw new IllegalStateException("job " + j.get("id") + " ended " + j.get("status"));
                }
            }
            rates.add(total / seconds);
        }
        submitters.shutdown();
        System.out.printf("summary: first round %,.0f subtasks/s", rates.get(0));
        if (rates.size() > 1) {
            List<Double> after = rates.subList(1, rates.size());
            List<Double> last = after.subList(Math.max(0, after.size() - 5), after.size());
            System.out.printf(
                    "; rounds after it: median %,.0f, median of the last %d %,.0f subtasks/s",
                    median(after), last.size(), median(last));
        }
        System.out.println();
    }

    private void latency(int jobs, int warmup) {
        long[] client = new long[jobs];
        long[] server = new long[jobs];
        long[] submitCall = new long[jobs];
        for (int i = -warmup; i < jobs; i++) {
            long start = System.nanoTime();
            String id = submit(Map.of("kind", "primes", "input", Map.of("from", 0, "to", 1000), "parallelism", 1));
            long submitted = System.nanoTime() - start;
            Map<String, Object> job;
            long elapsed;
            if (sseClient) {
                awaitFinalEvent(id);
                // the client knows at the final event; the resource fetched after it, for the timestamps, is not
                // counted
                elapsed = System.nanoTime() - start;
                job = call("GET", "/api/v1/jobs/" + id, key, null);
            } else {
                job = await(id, Duration.ofSeconds(30), 0);
                elapsed = System.nanoTime() - start;
            }
            if (i >= 0) {
                client[i] = elapsed;
                submitCall[i] = submitted;
                server[i] = (long) ((seconds(job, "completedAt") - seconds(job, "submittedAt")) * 1e9);
            }
        }
        System.out.printf(
                "latency of %d one-subtask jobs (after %d not counted), submit to COMPLETED:%n", jobs, warmup);
        System.out.println(
                "  as the client sees it (" + (sseClient ? "event stream" : "polling") + "): " + percentiles(client));
        System.out.println("  as the scheduler recorded it:     " + percentiles(server));
        System.out.println("  of which the submit call:         " + percentiles(submitCall));
    }

    private void overhead(long to, int parallelism, int rounds) {
        List<Double> times = new ArrayList<>();
        System.out.printf(
                "overhead: primes in [0, %,d) with parallelism %d, %d rounds after a warm-up%n",
                to, parallelism, rounds);
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            String id = submit(Map.of(
                    "kind",
                    "primes",
                    "input",
                    Map.of("from", 0, "to", to),
                    "parallelism",
                    parallelism,
                    "strategy",
                    "guided"));
            Map<String, Object> job = await(id, Duration.ofMinutes(10), 20);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%s %s in %.2f s (server %.2f s): %s%n",
                    round == 0 ? "warm-up" : "round " + round,
                    job.get("status"),
                    seconds,
                    seconds(job, "completedAt") - seconds(job, "submittedAt"),
                    job.get("result"));
            if (round > 0) {
                times.add(seconds);
            }
        }
        if (!times.isEmpty()) {
            System.out.printf("summary: median round %.2f s%n", median(times));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Full replication against adaptive replication, alternating, on the same job. The first full job is the
     * warm-up: its accepted answers give the workers the run of valid answers that makes them trusted.
     */
    private void adaptive(int subtasks, long to, int rounds) {
        System.out.printf(
                "adaptive: primes in [0, %,d), %d subtasks, redundancy 2, full vs adaptive, %d rounds "
                        + "after a warm-up%n",
                to, subtasks, rounds);
        for (int round = 0; round <= rounds; round++) {
            for (boolean adaptive : new boolean[] {false, true}) {
                if (round == 0 && adaptive) {
                    continue;
                }
                long start = System.nanoTime();
                String id = submit(Map.of(
                        "kind",
                        "primes",
                        "input",
                        Map.of("from", 0, "to", to),
                        "parallelism",
                        subtasks,
                        "redundancy",
                        2,
                        "maxCredits",
                        1_000_000_000L,
                        "adaptive",
                        adaptive));
                Map<String, Object> job = await(id, Duration.ofMinutes(10), 20);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!"COMPLETED".equals(job.get("status"))) {
                    throw new IllegalStateException("job " + id + " ended " + job.get("status"));
                }
                long answered = 0;
                for (Object st : (List<?>) call("GET", "/api/v1/jobs/" + id + "/subtasks", key, null)
                        .get("items")) {
                    for (Object r : (List<?>) ((Map<?, ?>) st).get("replicas")) {
                        if (((Map<?, ?>) r).get("outputHash") != null) {
                            answered++;
                        }
                    }
                }
                System.out.printf(
                        "%-8s %-8s %.2f s, %,d answers = %.2f per subtask, cost %,d micro-credits, %s%n",
                        round == 0 ? "warm-up" : "round " + round,
                        adaptive ? "adaptive" : "full",
                        seconds,
                        answered,
                        answered / (double) subtasks,
                        ((Number) job.get("cost")).longValue(),
                        job.get("result"));
            }
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static double seconds(Map<String, Object> job, String field) {
        Instant at = Instant.parse((String) job.get(field));
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    private String submit(Map<String, Object> spec) {
        return (String) call("POST", "/api/v1/jobs", key, spec).get("id");
    }

    /** Polls until the job ends; {@code pauseMillis} 0 polls back to back (for latency). */
    private Map<String, Object> await(String id, Duration timeout, long pauseMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> job = call("GET", "/api/v1/jobs/" + id, key, null);
            if (FINAL.contains(job.get("status"))) {
                return job;
            }
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            } else {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("job " + id + " did not end within " + timeout);
    }

    /**
     * Reads the job's event stream until its final state, as a user's client does (the CLI's {@code watch}, the
     * console): the stream starts with the job's state now, so a job that ended before the stream opened ends it
     * at once.
     */
    private void awaitFinalEvent(String id) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                    URI.create(url + "/api/v1/jobs/" + id + "/events").toURL().openConnection();
            c.setRequestProperty("Authorization", "Bearer " + key);
            c.setRequestProperty("Accept", "text/event-stream");
            c.setReadTimeout(30_000);
            if (c.getResponseCode() != 200) {
                throw new IllegalStateException("events of " + id + " answered " + c.getResponseCode());
            }
            try (var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(c.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        Object status = Json.readMap(line.substring(5).trim()).get("status");
                        if (FINAL.contains(status)) {
                            return;
                        }
                    }
                }
            }
            throw new IllegalStateException("the event stream of " + id + " ended before the job did");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> call(String method, String path, String apiKey, Object body) {
        return blockingClient ? callBlocking(method, path, apiKey, body) : callJdk(method, path, apiKey, body);
    }

    /**
     * The same call through {@link java.net.HttpURLConnection} on a kept-alive connection: a blocking client
     * without the JDK client's hand-offs between threads, like curl or most HTTP libraries.
     */
    private Map<String, Object> callBlocking(String method, String path, String apiKey, Object body) {
        try {
            java.net.HttpURLConnection c =
                    (java.net.HttpURLConnection) URI.create(url + path).toURL().openConnection();
            c.setRequestMethod(method);
            c.setRequestProperty("Authorization", "Bearer " + apiKey);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (var out = c.getOutputStream()) {
                    out.write(Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (var in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (status >= 300) {
                    throw new IllegalStateException(method + " " + path + " answered " + status + ": " + text);
                }
                return Json.readMap(text);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> callJdk(String method, String path, String apiKey, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + apiKey)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.readMap(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
