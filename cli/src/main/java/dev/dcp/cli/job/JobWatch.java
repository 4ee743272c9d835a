package dev.dcp.cli.job;

import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.api.ServerSentEvents;
import dev.dcp.common.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Follows a job's event stream until it ends, drawing its progress on standard error: a bar redrawn in place on a
 * terminal, a line per change (at most one a second while running) anywhere else. Answers the final job resource,
 * read once more after the stream, since the stream carries no work or timestamps.
 */
final class JobWatch {

    /** A stream cut before the job ended (the gateway restarted, say) is opened again, this many times. */
    static final int REOPENS = 5;

    private static final long PLAIN_INTERVAL_MILLIS = 1000;
    private static final long BAR_INTERVAL_MILLIS = 100;

    private final ApiClient api;
    private final Session session;
    private Progress progress;
    private long lastDrawn = Long.MIN_VALUE;
    private String lastStatusDrawn;
    private int drawnWidth;

    JobWatch(ApiClient api, Session session) {
        this.api = api;
        this.session = session;
        this.progress = Progress.start(session.clock().millis());
    }

    Map<String, Object> follow(String jobId) {
        String events = "/api/v1/jobs/" + jobId + "/events";
        for (int opened = 0; ; opened++) {
            try (InputStream in = api.stream(events)) {
                read(in);
            } catch (IOException cut) {
                // the stream broke: the job's state below says whether to open it again
            }
            Map<String, Object> job = api.get("/api/v1/jobs/" + jobId);
            show(job);
            if (progress.isFinal() || opened >= REOPENS) {
                finish();
                return job;
            }
            pause();
        }
    }

    private void read(InputStream in) throws IOException {
        ServerSentEvents sse = new ServerSentEvents();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            Optional<ServerSentEvents.Event> event = sse.line(line);
            if (event.isPresent() && !event.get().data().isEmpty()) {
                show(Json.readMap(event.get().data()));
                if (progress.isFinal()) {
                    return;
                }
            }
        }
    }

    private void show(Map<String, Object> view) {
        Map<?, ?> counts = view.get("progress") instanceof Map<?, ?> m ? m : Map.of();
        long now = session.clock().millis();
        progress = progress.update(
                String.valueOf(view.get("status")),
                number(counts.get("accepted")),
                number(counts.get("subtasks")),
                now);
        draw(now);
    }

    private void draw(long now) {
        PrintWriter err = session.err();
        boolean statusChanged = !progress.status().equals(lastStatusDrawn);
        long interval = session.terminal() ? BAR_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS;
        if (!statusChanged && now - lastDrawn < interval) {
            return;
        }
        lastDrawn = now;
        lastStatusDrawn = progress.status();
        if (session.terminal()) {
            String line = ProgressBar.line(progress, now);
            // pad over what the last, longer line left behind
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else {
            err.println(ProgressBar.plain(progress, now));
        }
        err.flush();
    }

    private void finish() {
        if (session.terminal()) {
            lastStatusDrawn = null;
            draw(session.clock().millis());
            session.err().println();
            session.err().flush();
        } else if (!progress.status().equals(lastStatusDrawn)) {
            draw(session.clock().millis());
        }
    }

    Progress progress() {
        return progress;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }
}
