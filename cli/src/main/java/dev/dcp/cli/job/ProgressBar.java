package dev.dcp.cli.job;

import java.time.Duration;
import java.util.Locale;

/** How progress is drawn: one terminal line redrawn in place, or plain lines for a log or a pipe. */
final class ProgressBar {

    static final int BAR_WIDTH = 30;

    private ProgressBar() {}

    /** {@code RUNNING [##########....................]  12/36 subtasks  4.0/s  ETA 6s}. */
    static String line(Progress p, long nowMillis) {
        int filled = (int) Math.round(p.fraction() * BAR_WIDTH);
        StringBuilder s = new StringBuilder()
                .append(String.format(Locale.ROOT, "%-9s", p.status()))
                .append(" [")
                .append("#".repeat(filled))
                .append(".".repeat(BAR_WIDTH - filled))
                .append("] ")
                .append(counts(p));
        p.rate(nowMillis).ifPresent(r -> s.append("  ").append(rate(r)));
        if (!p.isFinal()) {
            p.eta(nowMillis).ifPresent(eta -> s.append("  ETA ").append(duration(eta)));
        }
        return s.toString();
    }

    /** {@code RUNNING 12/36 subtasks}: what a log keeps of each change. */
    static String plain(Progress p, long nowMillis) {
        StringBuilder s = new StringBuilder(p.status()).append(' ').append(counts(p));
        p.rate(nowMillis).ifPresent(r -> s.append(", ").append(rate(r)));
        return s.toString();
    }

    static String counts(Progress p) {
        return p.accepted() + "/" + p.subtasks() + " subtasks";
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f/s" : "%.1f/s", perSecond);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0) : s + "s";
        }
        return s / 3600 > 0 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }
}
