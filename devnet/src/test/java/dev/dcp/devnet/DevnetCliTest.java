package dev.dcp.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.common.json.Json;
import dev.dcp.testkit.Eventually;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dcp} command line against a whole devnet, as its users run it: sign in, submit and watch, read the
 * chain and check a proof, the admin's commands, and each exit code. Commands run in this JVM through the CLI's
 * entry point with their own environment and streams; one runs as the standalone jar, in a process of its own.
 */
class DevnetCliTest {

    static final String ADMIN_KEY = "dcp_admin_cli_test_key";

    @TempDir
    static Path state;

    @TempDir
    static Path home;

    static Devnet devnet;
    static DevnetApi api;
    static DevnetApi.Tenant alice;

    record Run(int code, String out, String err) {

        Map<String, Object> json() {
            return Json.readMap(out);
        }
    }

    @BeforeAll
    static void startDevnet() {
        devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false));
        api = new DevnetApi(devnet.gatewayUrl(), ADMIN_KEY);
        api.awaitEligibleWorkers(3, Duration.ofSeconds(60));
        alice = api.tenant("alice", "consumer", 100_000_000);
    }

    @AfterAll
    static void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    /** One command line with the gateway's URL and a key in its environment, as {@code DCP_URL}/{@code DCP_API_KEY}. */
    static Run dcp(String key, String... args) {
        Map<String, String> env = key == null
                ? Map.of("HOME", home.toString())
                : Map.of("HOME", home.toString(), "DCP_URL", devnet.gatewayUrl(), "DCP_API_KEY", key);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dcp.run(
                args,
                new Session(env, new PrintWriter(out, true), new PrintWriter(err, true), false, Clock.systemUTC()));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void putPrintsTheCidAndGetWritesTheSameBytesResumingABrokenDownload() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 321];
        new java.util.Random(18).nextBytes(content);
        Path file = state.resolve("upload.bin");
        Files.write(file, content);

        Run put = dcp(alice.key(), "put", file.toString(), "--days", "3");
        assertThat(put.code()).as(put.err()).isZero();
        String cid = put.out().trim();
        assertThat(cid).startsWith("bafkrei").hasSize(59);

        Path target = state.resolve("download.bin");
        Run get = dcp(alice.key(), "get", cid, "-o", target.toString());
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);

        // a download broken after 3 MiB carries on from there
        Path resumed = state.resolve("resumed.bin");
        Files.write(state.resolve("resumed.bin.part"), java.util.Arrays.copyOf(content, 3 * 1024 * 1024));
        Run again = dcp(alice.key(), "get", cid, "-o", resumed.toString(), "--json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.json()).containsEntry("resumedFrom", 3 * 1024 * 1024).containsEntry("size", content.length);
        assertThat(Files.readAllBytes(resumed)).isEqualTo(content);
        assertThat(state.resolve("resumed.bin.part")).doesNotExist();

        // a partial file of other bytes is caught by the CID, and nothing is kept
        Path wrong = state.resolve("wrong.bin");
        Files.write(state.resolve("wrong.bin.part"), new byte[1000]);
        Run caught = dcp(alice.key(), "get", cid, "-o", wrong.toString());
        assertThat(caught.code()).isEqualTo(Dcp.FAILED);
        assertThat(caught.err()).contains("hash to").contains(cid);
        assertThat(wrong).doesNotExist();
        assertThat(state.resolve("wrong.bin.part")).doesNotExist();

        Run unknown = dcp(
                alice.key(),
                "get",
                "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
                "-o",
                wrong.toString());
        assertThat(unknown.code()).isEqualTo(Dcp.API_ERROR);
        assertThat(unknown.err()).startsWith("error: 404 ");
    }

    @Test
    void submitWithWatchFollowsTheJobToItsResultAndExitsZero() {
        Run run = dcp(
                alice.key(),
                "submit",
                "primes",
                "--from",
                "0",
                "--to",
                "2000000",
                "--parallelism",
                "8",
                "--max-credits",
                "5000000",
                "--watch");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("submitted job ").contains("COMPLETED 8/8 subtasks");
        assertThat(run.out())
                .contains("COMPLETED")
                .contains("subtasks: 8/8 accepted")
                .contains("{\"count\":148933}")
                .contains("credits");
    }

    @Test
    void jsonWithWatchPrintsTheFinalJobResourceAndNothingElse() {
        Run run = dcp(
                alice.key(),
                "submit",
                "montecarlo-pi",
                "--samples",
                "400000",
                "--seed",
                "7",
                "--parallelism",
                "4",
                "--max-credits",
                "5000000",
                "--watch",
                "--json");
        assertThat(run.code()).as(run.err()).isZero();
        Map<String, Object> job = run.json();
        assertThat(job)
                .containsEntry("status", "COMPLETED")
                .containsKeys("id", "result", "cost", "work", "completedAt");
        assertThat(job.get("progress")).isEqualTo(Map.of("subtasks", 4, "accepted", 4));

        Run listed = dcp(alice.key(), "jobs", "--json", "--status", "COMPLETED");
        assertThat(DevnetApi.asMap(listed.json()).get("items").toString()).contains((String) job.get("id"));
        Run subtasks = dcp(alice.key(), "subtasks", (String) job.get("id"), "--json");
        assertThat((List<?>) subtasks.json().get("items")).hasSize(4);
        Run account = dcp(alice.key(), "account", "--json");
        assertThat(account.json()).containsEntry("id", alice.id()).containsKeys("balance", "escrowed");
    }

    @Test
    void aCancelledJobIsExitCodeOneWhenWatched() {
        Run submitted = dcp(
                alice.key(),
                "submit",
                "primes",
                "--from",
                "0",
                "--to",
                "4000000000",
                "--parallelism",
                "400",
                "--max-credits",
                "20000000",
                "--json");
        assertThat(submitted.code()).as(submitted.err()).isZero();
        String id = (String) submitted.json().get("id");
        Run cancelled = dcp(alice.key(), "cancel", id);
        assertThat(cancelled.code()).as(cancelled.err()).isZero();
        Run watched = dcp(alice.key(), "watch", id, "--json");
        assertThat(watched.code()).isEqualTo(1);
        assertThat(watched.json()).containsEntry("status", "CANCELLED");
        Run again = dcp(alice.key(), "cancel", id);
        assertThat(again.code()).isEqualTo(3);
        assertThat(again.err()).contains("error: 409");
    }

    @Test
    void invalidInputIsTheApisProblemWithItsFieldsAndExitCodeThree() {
        Run run = dcp(alice.key(), "submit", "primes", "--from", "10", "--to", "5", "--max-credits", "1000");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: 400 ").contains("input.to:");
        assertThat(dcp(alice.key(), "submit", "primes", "--parallelism", "many").code())
                .isEqualTo(2);
    }

    @Test
    void aBadKeyPrintsTheProblemsTitleAndDetailAndExitsThree() {
        Run run = dcp("dcp_not_a_key_at_all", "jobs");
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: 401 ").containsPattern("\n  \\S");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aJobsCompletionTransactionIsFoundOnTheChainAndItsProofVerifiedOnTheClient() {
        Run job = dcp(
                alice.key(),
                "submit",
                "primes",
                "--from",
                "0",
                "--to",
                "100000",
                "--parallelism",
                "2",
                "--max-credits",
                "1000000",
                "--watch",
                "--json");
        String jobId = (String) job.json().get("id");
        String txId = Eventually.await(
                "JOB_COMPLETED of " + jobId + " in a block",
                Duration.ofSeconds(30),
                () -> api.chainTransactions().stream()
                        .filter(t -> "JOB_COMPLETED".equals(t.get("type"))
                                && jobId.equals(
                                        DevnetApi.asMap(t.get("payload")).get("job")))
                        .map(t -> (String) t.get("id"))
                        .findFirst()
                        .orElse(null));
        Run tx = dcp(alice.key(), "ledger", "tx", txId);
        assertThat(tx.code()).as(tx.out() + tx.err()).isZero();
        assertThat(tx.out())
                .contains("JOB_COMPLETED")
                .contains("proof verified on this machine")
                .doesNotContain("FAILED");
        Run json = dcp(alice.key(), "ledger", "tx", txId, "--json");
        assertThat(DevnetApi.asMap(json.json().get("verification"))).containsEntry("verified", true);
        assertThat(dcp(alice.key(), "ledger", "verify").code()).isZero();
        assertThat(dcp(alice.key(), "ledger", "status", "--json").json()).containsEntry("consensus", "solo");
    }

    @Test
    void theAdminCreatesAndFundsATenantAndTheAuditFindsCreditsConserved() {
        Run created = dcp(ADMIN_KEY, "tenants", "create", "--name", "bob", "--role", "provider", "--json");
        assertThat(created.code()).as(created.err()).isZero();
        String bob = (String) created.json().get("id");
        assertThat((String) created.json().get("apiKey")).startsWith("dcp_");
        Run deposit = dcp(ADMIN_KEY, "deposit", bob, "2500000", "--json");
        assertThat(deposit.code()).isZero();
        assertThat(deposit.json()).containsEntry("balance", 2_500_000);
        Run stake = dcp(
                (String) created.json().get("apiKey"),
                "provider",
                "stake",
                "--amount",
                "1000000",
                "--lock-days",
                "1",
                "--json");
        assertThat(stake.code()).as(stake.err()).isZero();
        assertThat(stake.json()).containsEntry("stake", 1_000_000);
        Run audit = Eventually.await("credits audited without pending transactions", Duration.ofSeconds(30), () -> {
            Run a = dcp(ADMIN_KEY, "audit", "--json");
            return Integer.valueOf(0).equals(a.json().get("pendingTransactions")) ? a : null;
        });
        assertThat(audit.code()).isZero();
        assertThat(audit.json()).containsEntry("conserved", true);
        assertThat(dcp(alice.key(), "audit").code()).isEqualTo(3); // a tenant is not the admin
    }

    @Test
    void loginSavesTheUrlAndKeyForTheNextCommandsInAFileOnlyItsOwnerReads() throws Exception {
        Run login = dcp(null, "login", "--url", devnet.gatewayUrl(), "--key", alice.key());
        assertThat(login.code()).as(login.err()).isZero();
        Path config = home.resolve(".config/dcp/config");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        Run account = dcp(null, "account", "--json");
        assertThat(account.code()).as(account.err()).isZero();
        assertThat(account.json()).containsEntry("id", alice.id());
        Run refused = dcp(null, "login", "--url", devnet.gatewayUrl(), "--key", "dcp_wrong");
        assertThat(refused.code()).isEqualTo(3);
        assertThat(Files.readString(config)).contains(alice.key()); // the refused key replaced nothing
    }

    @Test
    void theStandaloneJarRunsOnItsOwn() throws Exception {
        Path jar = Path.of("..", "cli", "target", "dcp.jar").toAbsolutePath().normalize();
        assertThat(jar)
                .as("the cli module's jar, packaged before this module's tests")
                .exists();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--url",
                        devnet.gatewayUrl(),
                        "--key",
                        alice.key(),
                        "workers",
                        "--json")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat((List<?>) Json.readMap(out).get("items")).hasSizeGreaterThanOrEqualTo(3);
    }
}
