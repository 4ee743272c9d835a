package dev.dcp.cli.object;

import dev.dcp.cli.Session;
import java.util.Locale;

/**
 * An upload's or a download's progress on the error stream, redrawn in place on a terminal at most ten times a
 * second; nothing in a pipe or a log, where only the result line matters.
 */
final class TransferBar {

    static final int WIDTH = 30;

    private final Session session;
    private final long total;
    private final long startedAt;
    private long drawnAt;

    TransferBar(Session session, long total) {
        this.session = session;
        this.total = total;
        this.startedAt = session.clock().millis();
    }

    void at(long done) {
        if (!session.terminal()) {
            return;
        }
        long now = session.clock().millis();
        if (now - drawnAt < 100 && done < total) {
            return;
        }
        drawnAt = now;
        session.err().print("\r" + line(done, total, now - startedAt));
        session.err().flush();
    }

    void finish(long done) {
        if (session.terminal()) {
            at(done);
            session.err().println();
        }
    }

    /** {@code [###############...............]  512.0/1024.0 MiB  45 MB/s}. */
    static String line(long done, long total, long elapsedMillis) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String rate = elapsedMillis <= 0 ? "" : String.format(Locale.ROOT, "  %.0f MB/s", done / 1e3 / elapsedMillis);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]  "
                + String.format(Locale.ROOT, "%.1f/%.1f MiB", done / 1048576.0, total / 1048576.0) + rate;
    }
}
