package dev.dcp.bench;

import dev.dcp.scheduler.kind.PrimesJob;
import dev.dcp.scheduler.split.Range;
import dev.dcp.scheduler.split.Splitter;
import dev.dcp.scheduler.split.Splitters;
import dev.dcp.worker.kernel.Kernel;
import dev.dcp.worker.kernel.primes.PrimesKernel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makespan of one {@code primes} job under each split strategy: the scheduler's own {@link PrimesJob#split} cuts
 * [from, to) into P chunks with the strategy's {@link Splitter}, and S slot threads run the worker's own
 * {@link PrimesKernel} on them, each slot taking the next chunk in order from a shared queue when it is free
 * (dynamic pull). The makespan is the wall time from the start until the last chunk is done. No Kafka, database
 * or quorum: only the split and the kernels.
 *
 * <p>Besides the measured makespan it prints a replayed one: the same dynamic pull on dedicated slots with each chunk
 * costing its measured CPU time, which stays readable when other processes share the machine (they stretch the wall
 * time of whichever chunk they interrupt), and the CPU that other processes used during each run.
 *
 * <pre>
 * ./mvnw -q -o -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.SplitStrategyBench \
 *     -Dexec.args="--from 0 --to 4000000000 --slots 2 --parts 6,16 --reps 3"
 * ./mvnw -q -o -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.SplitStrategyBench \
 *     -Dexec.args="--from 0 --to 4000000000 --slots 2 --slow 1 --capacities 1,1"
 * ./mvnw -q -o -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.SplitStrategyBench \
 *     -Dexec.args="--from 0 --to 4000000000 --profile 16"
 * </pre>
 *
 * Options (all {@code --name value}):
 * <ul>
 *   <li>{@code from}, {@code to}: the primes range, default [0, 4·10^9)</li>
 *   <li>{@code slots}: S, the slot threads, default 2</li>
 *   <li>{@code parts}: the parallelisms P to compare, comma-separated, default 3·S and 8·S</li>
 *   <li>{@code strategies}: default {@code static,guided}, plus {@code weighted} when capacities are given</li>
 *   <li>{@code capacities}: the registered slots per worker the weighted splitter divides by, e.g. {@code 2,1}</li>
 *   <li>{@code slow}: how many slots (the last ones) stand for a slower machine, default 0</li>
 *   <li>{@code slowdown}: how many times slower they are, default 2: after computing a chunk with d of CPU time, a slow slot
 *       sleeps (slowdown − 1)·d before it reports the chunk done and takes the next (it uses no CPU meanwhile)</li>
 *   <li>{@code reps}: measured repetitions per configuration, default 3, after {@code warmup} (default 1) unmeasured
 *       ones; repetitions are interleaved across configurations, so drift on the machine hits them alike</li>
 *   <li>{@code wait-idle}: before each measured run, wait until other processes used fewer than this many
 *       cores over 3 s (default 0: do not wait), for at most {@code wait-max} seconds (default 300)</li>
 *   <li>{@code profile}: instead of the above, K equal slices of the range run one after another on one thread,
 *       printing the kernel's cost per number along the range (is the work uneven at all?)</li>
 * </ul>
 */
public final class SplitStrategyBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final PrimesJob JOB = new PrimesJob();
    private static final Kernel KERNEL = new PrimesKernel();

    private SplitStrategyBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long from = Long.parseLong(opts.getOrDefault("from", "0"));
        long to = Long.parseLong(opts.getOrDefault("to", "4000000000"));
        int slots = Integer.parseInt(opts.getOrDefault("slots", "2"));
        int[] parts = ints(opts.getOrDefault("parts", (3 * slots) + "," + (8 * slots)));
        List<Integer> capacities = opts.containsKey("capacities")
                ? Arrays.stream(ints(opts.get("capacities"))).boxed().toList()
                : List.of();
        List<String> strategies = List.of(
                opts.getOrDefault("strategies", capacities.isEmpty() ? "static,guided" : "static,guided,weighted")
                        .split(","));
        int slow = Integer.parseInt(opts.getOrDefault("slow", "0"));
        double slowdown = Double.parseDouble(opts.getOrDefault("slowdown", "2"));
        int reps = Integer.parseInt(opts.getOrDefault("reps", "3"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1"));
        double waitIdle = Double.parseDouble(opts.getOrDefault("wait-idle", "0"));
        int waitMax = Integer.parseInt(opts.getOrDefault("wait-max", "300"));
        if (slow > slots || slowdown < 1) {
            throw new IllegalArgumentException("need slow <= slots and slowdown >= 1");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        System.out.printf(
                Locale.ROOT,
                "java %s, %d processors, load average %s; primes in [%,d, %,d)%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                from,
                to);

        if (opts.containsKey("profile")) {
            profile(from, to, Integer.parseInt(opts.get("profile")));
            return;
        }

        System.out.printf(
                Locale.ROOT,
                "%d slot(s)%s, dynamic pull in order; P = %s; strategies %s%s; "
                        + "%d warm-up + %d measured repetitions, interleaved%n",
                slots,
                slow == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " of which %d at 1/%s speed (compute for d CPU time, then " + "sleep %s·d)",
                                slow,
                                fmt(slowdown),
                                fmt(slowdown - 1)),
                Arrays.toString(parts),
                strategies,
                capacities.isEmpty() ? "" : ", capacities " + capacities,
                warmup,
                reps);

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        Map<String, List<Range>> splits = new LinkedHashMap<>();
        for (int p : parts) {
            for (String s : strategies) {
                String key = s + "/" + p;
                List<Range> chunks = split(from, to, p, Splitters.forStrategy(s, capacities));
                String same = splits.entrySet().stream()
                        .filter(e -> e.getValue().equals(chunks))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
                if (same != null) {
                    System.out.printf(Locale.ROOT, "  %-12s the very chunks of %s: not run again%n", key, same);
                    continue;
                }
                splits.put(key, chunks);
                runs.put(key, new ArrayList<>());
                System.out.printf(Locale.ROOT, "  %-12s %s%n", key, describe(chunks));
            }
        }
        Long expected = null;
        for (int rep = -warmup; rep < reps; rep++) {
            for (Map.Entry<String, List<Range>> e : splits.entrySet()) {
                if (rep >= 0 && waitIdle > 0) {
                    waitForIdle(waitIdle, waitMax);
                }
                Run run = execute(e.getValue(), slots, slow, slowdown);
                if (expected == null) {
                    expected = run.count;
                } else if (run.count != expected) {
                    throw new IllegalStateException(e.getKey() + " counted " + run.count + " primes, not " + expected);
                }
                if (rep >= 0) {
                    runs.get(e.getKey()).add(run);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %s %d done%n",
                    rep < 0 ? "warm-up" : "repetition",
                    rep < 0 ? rep + warmup + 1 : rep + 1);
        }
        System.out.printf(Locale.ROOT, "%,d primes in every run; load average now %s%n%n", expected, loadAverage());
        report(runs, parts, strategies, slots, slow, slowdown);
    }

    /** The chunks exactly as the scheduler would cut them, read back from the subtask inputs. */
    private static List<Range> split(long from, long to, int parts, Splitter splitter) {
        List<Range> chunks = new ArrayList<>();
        for (Map<String, Object> input : JOB.split(Map.of("from", from, "to", to), parts, splitter)) {
            chunks.add(new Range(((Number) input.get("from")).longValue(), ((Number) input.get("to")).longValue()));
        }
        return chunks;
    }

    /**
     * One job: S slot threads pulling the chunks in order. At the start slot i takes chunk i (each slot waits for the
     * one before it to have taken its first chunk), so the slow slots, the last ones, start on the later chunks.
     */
    private static Run execute(List<Range> chunks, int slots, int slow, double slowdown) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long[] chunkCpu = new long[chunks.size()];
        int[] slotOf = new int[chunks.size()];
        long[] doneAt = new long[slots];
        long[] counts = new long[slots];
        CountDownLatch ready = new CountDownLatch(slots);
        CountDownLatch[] turn = new CountDownLatch[slots + 1];
        for (int s = 0; s <= slots; s++) {
            turn[s] = new CountDownLatch(1);
        }
        Thread[] threads = new Thread[slots];
        for (int s = 0; s < slots; s++) {
            int slot = s;
            boolean isSlow = slot >= slots - slow;
            threads[s] = new Thread(
                    () -> {
                        ready.countDown();
                        await(turn[slot]);
                        boolean first = true;
                        for (int i; (i = next.getAndIncrement()) < chunks.size(); ) {
                            if (first) {
                                turn[slot + 1].countDown();
                                first = false;
                            }
                            Range r = chunks.get(i);
                            long c0 = THREADS.getCurrentThreadCpuTime();
                            Map<String, Object> out = KERNEL.run(Map.of("from", r.from(), "to", r.to()))
                                    .output();
                            long cpu = THREADS.getCurrentThreadCpuTime() - c0;
                            chunkCpu[i] = cpu;
                            slotOf[i] = slot;
                            counts[slot] += ((Number) out.get("count")).longValue();
                            if (isSlow) {
                                sleepNanos((long) ((slowdown - 1) * cpu));
                            }
                        }
                        turn[slot + 1].countDown();
                        doneAt[slot] = System.nanoTime();
                    },
                    "slot-" + s);
            threads[s].start();
        }
        ready.await();
        long[] machine0 = machineBusyJiffies();
        long process0 = processCpuNanos();
        long start = System.nanoTime();
        turn[0].countDown();
        for (Thread t : threads) {
            t.join();
        }
        long last = Arrays.stream(doneAt).max().orElseThrow();
        long first = Arrays.stream(doneAt).min().orElseThrow();
        double others = Double.NaN;
        long[] machine1 = machineBusyJiffies();
        if (machine0 != null && machine1 != null) {
            // /proc/stat counts in USER_HZ ticks of 10 ms
            double busyNanos = (machine1[0] - machine0[0]) * 10e6;
            others = Math.max(0, busyNanos - (processCpuNanos() - process0)) / (last - start);
        }
        double[] slotCpu = new double[slots];
        double[] slotNumbers = new double[slots];
        for (int i = 0; i < chunks.size(); i++) {
            slotCpu[slotOf[i]] += chunkCpu[i];
            slotNumbers[slotOf[i]] += chunks.get(i).size();
        }
        double[] nsPerNumber = new double[slots];
        for (int s = 0; s < slots; s++) {
            nsPerNumber[s] = slotCpu[s] / slotNumbers[s];
        }
        return new Run(
                last - start,
                last - first,
                chunkCpu,
                replay(chunkCpu, slots, slow, slowdown),
                others,
                nsPerNumber,
                Arrays.stream(counts).sum());
    }

    /**
     * The makespan dynamic pull gives on S dedicated slots when each chunk costs its measured CPU time (times the
     * slowdown on a slow slot): free of the time other processes took from the run, not of their effect on caches.
     */
    static long replay(long[] chunkCpu, int slots, int slow, double slowdown) {
        double[] freeAt = new double[slots];
        for (long cost : chunkCpu) {
            int s = 0;
            for (int i = 1; i < slots; i++) {
                if (freeAt[i] < freeAt[s]) {
                    s = i;
                }
            }
            freeAt[s] += s >= slots - slow ? slowdown * cost : cost;
        }
        return (long) Arrays.stream(freeAt).max().orElseThrow();
    }

    /**
     * @param makespan start to the last chunk done, wall time
     * @param tail     first slot out of work to the last chunk done: how long a slot sat idle at the end
     * @param chunkCpu thread CPU time of each chunk's kernel call (the simulated slowness is sleep, not counted)
     * @param replayed {@link #replay} of the chunk costs
     * @param others   CPU that other processes used during the run, in cores (NaN where /proc/stat is unreadable)
     * @param nsPerNumber each slot's kernel CPU per number of its chunks (how fast the slots really were)
     */
    private record Run(
            long makespan, long tail, long[] chunkCpu, long replayed, double others, double[] nsPerNumber, long count) {

        long cpu() {
            return Arrays.stream(chunkCpu).sum();
        }
    }

    private static void report(
            Map<String, List<Run>> runs, int[] parts, List<String> strategies, int slots, int slow, double slowdown) {
        double speed = slots - slow + slow / slowdown;
        System.out.println("| strategy | P | makespan mean (min–max) | static / this | makespan ÷ ideal mean (min–max) "
                + "| replayed ÷ ideal mean | kernel CPU mean (min–max) | CPU ns/number by slot | idle tail mean "
                + "| others' CPU max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int p : parts) {
            List<Run> st = runs.get("static/" + p);
            for (String s : strategies) {
                List<Run> rs = runs.get(s + "/" + p);
                if (rs == null) {
                    continue;
                }
                double[] vsIdeal = rs.stream()
                        .mapToDouble(r -> r.makespan() * speed / r.cpu())
                        .toArray();
                StringBuilder bySlot = new StringBuilder();
                for (int slot = 0; slot < slots; slot++) {
                    int k = slot;
                    bySlot.append(slot == 0 ? "" : " / ")
                            .append(String.format(
                                    Locale.ROOT,
                                    "%.2f",
                                    rs.stream()
                                            .mapToDouble(r -> r.nsPerNumber()[k])
                                            .average()
                                            .orElseThrow()));
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %.2f (%.2f–%.2f) | %.2f | %s | %s | %.2f s " + "| %.2f |%n",
                        s,
                        p,
                        spread(rs, Run::makespan),
                        ratio(st, rs, Run::makespan),
                        Arrays.stream(vsIdeal).average().orElseThrow(),
                        Arrays.stream(vsIdeal).min().orElseThrow(),
                        Arrays.stream(vsIdeal).max().orElseThrow(),
                        rs.stream()
                                .mapToDouble(r -> r.replayed() * speed / r.cpu())
                                .average()
                                .orElseThrow(),
                        spread(rs, Run::cpu),
                        bySlot,
                        mean(rs, Run::tail) / 1e9,
                        rs.stream().mapToDouble(Run::others).max().orElse(Double.NaN));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "ideal = that run's kernel CPU / %s (the slots' combined speed): every slot "
                        + "busy until the end; replayed = dynamic pull of the measured chunk CPU times on idle slots; "
                        + "others' CPU in cores%n",
                fmt(speed));
    }

    private static String ratio(List<Run> base, List<Run> these, Metric m) {
        return base == null ? "–" : String.format(Locale.ROOT, "%.2f", mean(base, m) / mean(these, m));
    }

    /** Waits (at most {@code maxSeconds}) until other processes used less than {@code cores} over 3 s. */
    private static void waitForIdle(double cores, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        double others = Double.NaN;
        while (System.nanoTime() < deadline) {
            long[] m0 = machineBusyJiffies();
            long p0 = processCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(3000);
            long[] m1 = machineBusyJiffies();
            if (m0 == null || m1 == null) {
                return;
            }
            others = Math.max(0, (m1[0] - m0[0]) * 10e6 - (processCpuNanos() - p0)) / (System.nanoTime() - t0);
            if (others < cores) {
                return;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  (machine still busy after %d s: others used %.2f cores; going on)%n",
                maxSeconds,
                others);
    }

    /** Busy ticks of the whole machine (user, nice, system, irq, softirq, steal), or null off Linux. */
    private static long[] machineBusyJiffies() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                    .get(0)
                    .trim()
                    .split("\\s+");
            long busy = Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7])
                    + Long.parseLong(f[8]);
            return new long[] {busy};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** K equal slices one after another on this thread (after one unmeasured pass): kernel cost per number. */
    private static void profile(long from, long to, int k) {
        List<Range> slices = split(from, to, k, new dev.dcp.scheduler.split.StaticSplitter());
        for (Range r : slices) {
            KERNEL.run(Map.of("from", r.from(), "to", r.to()));
        }
        System.out.println("| slice | CPU ms | ns per number | relative to the first |");
        System.out.println("|---|---|---|---|");
        double first = 0;
        double total = 0;
        for (Range r : slices) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            KERNEL.run(Map.of("from", r.from(), "to", r.to()));
            long ns = THREADS.getCurrentThreadCpuTime() - c0;
            total += ns;
            double perNumber = (double) ns / r.size();
            if (first == 0) {
                first = perNumber;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| [%,d, %,d) | %.0f | %.3f | %.2f |%n",
                    r.from(),
                    r.to(),
                    ns / 1e6,
                    perNumber,
                    perNumber / first);
        }
        System.out.printf(Locale.ROOT, "total %.2f s CPU; load average now %s%n", total / 1e9, loadAverage());
    }

    private static String describe(List<Range> chunks) {
        long min = chunks.stream().mapToLong(Range::size).min().orElse(0);
        long max = chunks.stream().mapToLong(Range::size).max().orElse(0);
        return String.format(
                Locale.ROOT,
                "%d chunks, first %,d numbers, last %,d (min %,d, max %,d)",
                chunks.size(),
                chunks.get(0).size(),
                chunks.get(chunks.size() - 1).size(),
                min,
                max);
    }

    private interface Metric {
        long of(Run r);
    }

    private static double mean(List<Run> runs, Metric m) {
        return runs.stream().mapToLong(m::of).average().orElse(Double.NaN);
    }

    private static String spread(List<Run> runs, Metric m) {
        long min = runs.stream().mapToLong(m::of).min().orElse(0);
        long max = runs.stream().mapToLong(m::of).max().orElse(0);
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", mean(runs, m) / 1e9, min / 1e9, max / 1e9);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The 1, 5 and 15 minute load averages (Linux), to tell a run on a busy machine. */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
