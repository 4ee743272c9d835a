package dev.dcp.bench;

import dev.dcp.worker.kernel.primes.SegmentedSieve;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline for the platform's overhead: the workers' own sieve, run directly in this one JVM on every core,
 * with chunks pulled from a shared counter (the best a single process does with the same code).
 * <pre>
 * ./mvnw -q -pl bench exec:java -Dexec.mainClass=dev.dcp.bench.PrimesDirect -Dexec.args="--to 2000000000"
 * </pre>
 */
public final class PrimesDirect {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LedgerLoad.options(args);
        long to = Long.parseLong(opts.getOrDefault("to", "2000000000"));
        int threads = Integer.parseInt(opts.getOrDefault(
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        int chunks = Integer.parseInt(opts.getOrDefault("chunks", "48"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        System.out.printf(
                "direct: primes in [0, %,d) on %d threads, %d chunks, %d rounds after a warm-up%n",
                to, threads, chunks, rounds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                AtomicLong next = new AtomicLong();
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    parts.add(pool.submit(() -> {
                        long count = 0;
                        for (long c; (c = next.getAndIncrement()) < chunks; ) {
                            count += SegmentedSieve.count(to * c / chunks, to * (c + 1) / chunks);
                        }
                        return count;
                    }));
                }
                long count = 0;
                for (Future<Long> f : parts) {
                    count += f.get();
                }
                System.out.printf(
                        "%s %,d primes in %.2f s%n",
                        round == 0 ? "warm-up" : "round " + round, count, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
    }
}
