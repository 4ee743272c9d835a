package dev.dcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a stand-in API: exit codes, what is sent, and how a problem is told. */
class DcpCommandLineTest {

    @TempDir
    Path home;

    final AtomicReference<String> lastRequest = new AtomicReference<>();
    HttpServer api;

    record Run(int code, String out, String err) {}

    Run dcp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dcp.run(
                args,
                new Session(
                        Map.of("HOME", home.toString()),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        false,
                        Clock.systemUTC()));
        return new Run(code, out.toString(), err.toString());
    }

    /** Answers every call with this status and body, and keeps what it was asked. */
    String serve(int status, String body) throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            lastRequest.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageErrorWithExitCodeTwo() {
        assertThat(dcp("frobnicate").code()).isEqualTo(2);
        Run badOption = dcp("jobs", "--no-such-option");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("--no-such-option");
        assertThat(dcp("ledger", "block", "not-a-number").code()).isEqualTo(2);
        assertThat(dcp("submit").code()).isEqualTo(2); // no kind
    }

    @Test
    void aProblemIsPrintedWithItsTitleDetailAndFieldsAndExitCodeThree() throws Exception {
        String url = serve(
                400,
                "{\"type\":\"about:blank\",\"title\":\"Invalid job\",\"status\":400,\"detail\":\"2 fields are invalid\","
                        + "\"errors\":[{\"field\":\"input.to\",\"message\":\"must be greater than from\"}]}");
        Run run = dcp("submit", "primes", "--from", "10", "--to", "5", "--url", url, "--key", "k");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err())
                .contains("error: 400 Invalid job")
                .contains("2 fields are invalid")
                .contains("input.to: must be greater than from");
        assertThat(run.out()).isEmpty();
        assertThat(lastRequest.get())
                .startsWith("POST /api/v1/jobs Bearer k ")
                .contains("\"kind\":\"primes\"")
                .contains("\"input\":{\"from\":10,\"to\":5}");
    }

    @Test
    void aWordcountOverAStoredObjectSendsItsCidAsTheInput() throws Exception {
        String url = serve(202, "{\"id\":\"j1\",\"kind\":\"wordcount\",\"status\":\"RUNNING\"}");
        String cid = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
        Run run = dcp("submit", "wordcount", "--object", cid, "--url", url, "--key", "k");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lastRequest.get())
                .startsWith("POST /api/v1/jobs Bearer k ")
                .contains("\"kind\":\"wordcount\"")
                .contains("\"input\":{\"object\":\"" + cid + "\"}");
    }

    @Test
    void anApiThatCannotBeReachedIsExitCodeThreeNamingTheUrl() throws Exception {
        String url = serve(200, "{}");
        api.stop(0);
        api = null;
        Run run = dcp("jobs", "--url", url, "--key", "k");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("Cannot reach the API").contains(url);
    }

    @Test
    void jsonPrintsTheApisAnswerAndATableOtherwise() throws Exception {
        String url = serve(
                200,
                "{\"items\":[{\"id\":\"j1\",\"kind\":\"primes\",\"status\":\"COMPLETED\",\"progress\":{\"subtasks\":4,"
                        + "\"accepted\":4},\"cost\":1234567,\"submittedAt\":\"2026-12-06T10:00:00Z\"}],\"nextCursor\":null}");
        Run json = dcp("jobs", "--json", "--url", url, "--key", "k", "--status", "COMPLETED");
        assertThat(json.code()).isZero();
        assertThat(dev.dcp.common.json.Json.readMap(json.out())).containsKey("items");
        assertThat(lastRequest.get()).startsWith("GET /api/v1/jobs?status=COMPLETED ");
        Run table = dcp("jobs", "--url", url, "--key", "k");
        assertThat(table.out()).contains("ID").contains("j1").contains("4/4").contains("1.234567");
    }

    @Test
    void loginChecksTheKeyThenSavesItForTheNextCommands() throws Exception {
        String url = serve(200, "{\"height\":3}");
        Run login = dcp("login", "--url", url, "--key", "dcp_good");
        assertThat(login.code()).isZero();
        Path saved = home.resolve(".config/dcp/config");
        assertThat(Files.readString(saved)).contains("dcp_good");
        assertThat(dcp("ledger", "status").code()).isZero();
        assertThat(lastRequest.get()).startsWith("GET /api/v1/ledger/status Bearer dcp_good");
    }

    @Test
    void aRefusedLoginSavesNothing() throws Exception {
        String url = serve(401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The API key is not valid.\"}");
        Run login = dcp("login", "--url", url, "--key", "dcp_bad");
        assertThat(login.code()).isEqualTo(3);
        assertThat(login.err()).contains("401 Unauthorized").contains("The API key is not valid.");
        assertThat(home.resolve(".config/dcp/config")).doesNotExist();
    }

    @Test
    void aJobIdThatCannotBeOneIsRefusedBeforeAnythingIsSent() throws Exception {
        String url = serve(200, "{}");
        assertThat(dcp("job", "../tenants", "--url", url, "--key", "k").code()).isEqualTo(2);
        assertThat(lastRequest.get()).isNull();
    }

    @Test
    void theCompletionScriptNamesTheCommands() {
        Run run = dcp("generate-completion");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("complete").contains("submit").contains("ledger");
    }
}
