package dev.dcp.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following a job's stream from a stand-in API: what is drawn, and a stream that breaks off before the end. */
class JobWatchTest {

    HttpServer api;
    final AtomicInteger streamsOpened = new AtomicInteger();
    final StringWriter err = new StringWriter();

    static String event(String name, String status, int accepted) {
        return "event:" + name + "\nid:" + status + "-" + accepted + "\ndata:{\"id\":\"j1\",\"status\":\"" + status
                + "\",\"progress\":{\"subtasks\":4,\"accepted\":" + accepted + "},\"cost\":0}\n\n";
    }

    /** Each stream opened answers the next of these bodies; the job resource says {@code finalStatus}. */
    ApiClient serve(Deque<String> streams, String finalStatus) throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1/jobs/j1/events", exchange -> {
            streamsOpened.incrementAndGet();
            byte[] body = streams.isEmpty() ? new byte[0] : streams.poll().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.createContext("/api/v1/jobs/j1", exchange -> {
            boolean ended = streams.isEmpty();
            String status = ended ? finalStatus : "RUNNING";
            byte[] body = ("{\"id\":\"j1\",\"status\":\"" + status + "\",\"progress\":{\"subtasks\":4,\"accepted\":"
                            + (ended ? 4 : 2) + "},\"cost\":12}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        return new ApiClient("http://127.0.0.1:" + api.getAddress().getPort(), "k");
    }

    Session session(boolean terminal) {
        // a stopped clock: no rate is drawn, so what is drawn does not depend on how fast the stand-in answers
        return new Session(
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true),
                terminal,
                Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void offATerminalEachStatusIsALineAndTheFinalJobIsAnswered() throws Exception {
        ApiClient client = serve(
                new ArrayDeque<>(List.of(event("status", "RUNNING", 0)
                        + event("progress", "RUNNING", 2)
                        + event("status", "COMPLETED", 4))),
                "COMPLETED");
        Map<String, Object> job = new JobWatch(client, session(false)).follow("j1");
        assertThat(job).containsEntry("status", "COMPLETED").containsEntry("cost", 12);
        assertThat(err.toString().lines()).containsExactly("RUNNING 0/4 subtasks", "COMPLETED 4/4 subtasks");
        assertThat(err.toString()).doesNotContain("\r");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewline() throws Exception {
        ApiClient client = serve(
                new ArrayDeque<>(List.of(event("status", "RUNNING", 0) + event("status", "COMPLETED", 4))),
                "COMPLETED");
        new JobWatch(client, session(true)).follow("j1");
        String drawn = err.toString();
        assertThat(drawn).startsWith("\rRUNNING   [" + ".".repeat(30) + "] 0/4 subtasks");
        assertThat(drawn)
                .contains("\rCOMPLETED [" + "#".repeat(30) + "] 4/4 subtasks")
                .endsWith("\n");
        assertThat(drawn.chars().filter(c -> c == '\n').count()).isEqualTo(1); // one line, drawn over
    }

    @Test
    void aStreamCutBeforeTheEndIsOpenedAgainUntilTheJobHasEnded() throws Exception {
        ApiClient client =
                serve(new ArrayDeque<>(List.of(event("status", "RUNNING", 2), event("status", "FAILED", 2))), "FAILED");
        Map<String, Object> job = new JobWatch(client, session(false)).follow("j1");
        assertThat(streamsOpened.get()).isEqualTo(2);
        assertThat(job).containsEntry("status", "FAILED");
        assertThat(JobReport.exitCode(job)).isEqualTo(1);
    }
}
