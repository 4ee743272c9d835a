package dev.dcp.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds or the time is up; for outcomes that arrive asynchronously over Kafka. */
public final class Eventually {

    private Eventually() {}

    public static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
    }
}
