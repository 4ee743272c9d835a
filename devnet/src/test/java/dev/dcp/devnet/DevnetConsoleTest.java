package dev.dcp.devnet;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console (docs/console.md) in a real headless Chromium against one devnet: signing in, a job submitted
 * from the form and followed to the end, its proof checked in the browser, errors where they belong. Skipped where
 * no Chromium is installed, unless DCP_BROWSER_REQUIRED=true (CI), which turns the skip into a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetConsoleTest {

    static final String ADMIN_KEY = "dcp_admin_console_test_key";
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
    static final LocatorAssertions.HasTextOptions JOB_TIME = new LocatorAssertions.HasTextOptions().setTimeout(120_000);

    @TempDir
    static Path state;

    Devnet devnet;
    DevnetApi api;
    DevnetApi.Tenant alice;
    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    String completedJob;

    @BeforeAll
    void startDevnetAndBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "true".equals(System.getenv("DCP_BROWSER_REQUIRED"))) {
            fail(CHROMIUM + " is missing and DCP_BROWSER_REQUIRED=true: install Debian's chromium");
        }
        assumeTrue(present, CHROMIUM + " is not installed: the console's browser tests are skipped");
        Files.createDirectories(SCREENSHOTS);
        devnet = Devnet.start(new DevnetConfig(state, 0, 3, ADMIN_KEY, false));
        api = new DevnetApi(devnet.gatewayUrl(), ADMIN_KEY);
        alice = api.tenant("alice", "consumer", 100_000_000);
        // no browser download: the system's Chromium, and the driver that ships inside the Maven artifact
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-sync")));
        api.awaitEligibleWorkers(3, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowserAndDevnet() {
        if (playwright != null) {
            playwright.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    /** A fresh browser profile per test: nothing signed in, an empty sessionStorage. */
    @BeforeEach
    void newTab() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        context.setDefaultTimeout(20_000);
        page = context.newPage();
        requests.clear();
        page.onRequest(requests::add);
    }

    @AfterEach
    void closeTab(TestInfo test) {
        if (context != null) {
            screenshot("last-" + test.getTestMethod().orElseThrow().getName());
            context.close();
        }
    }

    @Test
    @Order(8)
    void aTenantStoresAFileSeesWhereItsShardsAreAndDeletesIt() {
        signIn(alice.key());
        page.locator("#nav a[data-section=objects]").click();
        byte[] content =
                "the console's own test object\n".repeat(300_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        page.locator("#object-file")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload("notes.txt", "text/plain", content));
        page.locator("#upload-object").click();
        assertThat(page.locator("#uploaded"))
                .containsText("bafkrei", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.locator("#objects-list tbody tr")).hasCount(1);
        assertThat(page.locator("#objects-list [data-health]")).hasAttribute("data-health", "ok");
        screenshot("objects");

        page.locator("#uploaded a").click();
        assertThat(page.locator("#object-cid")).containsText("bafkrei");
        // 9 MB at k=2, m=1: three segments of three shards, each on a worker that receipted it
        assertThat(page.locator("#object-placements tbody tr")).hasCount(9);
        assertThat(page.locator("#object-placements tbody tr")
                        .filter(new Locator.FilterOptions().setHasText(Pattern.compile("STORED|PASSED"))))
                .hasCount(9);
        assertThat(page.locator("#object-health")).containsText("3 / 3 segments readable");
        // 9,000,000 bytes × 3/2 × 30 days at the devnet's 1 credit per GiB-day, rounded up
        assertThat(page.locator("#object-escrowed")).hasText("0.377186 credits");
        screenshot("object");

        page.locator("#delete-object").click();
        assertThat(page.locator("#objects-list")).containsText("Nothing stored yet.");
    }

    @Test
    @Order(1)
    void aTenantSignsInSubmitsAPrimesJobFromTheFormAndWatchesItComplete() {
        signIn(alice.key());
        assertThat(page.locator("#who-name")).hasText("alice");
        page.locator("#nav a[data-section=submit]").click();
        page.locator("#field-kind").selectOption("primes");
        page.locator("#field-input-from").fill("0");
        page.locator("#field-input-to").fill("100000000");
        page.locator("#field-parallelism").fill("8");
        screenshot("01-submit-form");
        page.locator("#submit-job").click();

        page.waitForURL(Pattern.compile(".*#/jobs/[^/]+$"));
        completedJob = page.url().replaceAll(".*#/jobs/", "");
        page.locator("#job-progress").waitFor();
        screenshot("02-job-running");
        assertThat(page.locator("#job-status")).hasText("COMPLETED", JOB_TIME);
        assertThat(page.locator("#job-progress")).hasAttribute("data-percent", "100");
        assertThat(page.locator("#job-progress")).containsText("8 / 8 subtasks");
        assertThat(page.locator("#job-result")).containsText("\"count\": 5761455");
        assertThat(page.locator("#job-subtasks tbody tr")).hasCount(8);
        assertThat(page.locator("#rate-chart polyline")).hasCount(1);
        screenshot("03-job-completed");

        Request events = requests.stream()
                .filter(r -> r.url().endsWith("/api/v1/jobs/" + completedJob + "/events"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the job's progress was not read from its event stream"));
        assertThat(events.allHeaders()).containsEntry("authorization", "Bearer " + alice.key());
        assertThat(api.awaitEnd(alice, completedJob)).containsEntry("status", "COMPLETED");
    }

    @Test
    @Order(2)
    void theJobsCompletionOnTheChainHasItsProofVerifiedInTheBrowser() {
        String job = jobThatCompleted();
        signIn(alice.key());
        page.navigate(devnet.gatewayUrl() + "/console/#/jobs/" + job);
        Locator completion = page.locator("#job-chain a[data-type=JOB_COMPLETED]");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do { // the ledger seals the job's last transactions a moment after the job ends
            page.locator("#find-on-chain").click();
            page.locator("#job-chain table, #job-chain .empty").first().waitFor();
        } while (completion.count() == 0 && System.nanoTime() < deadline);
        screenshot("04-job-on-the-chain");
        completion.click();

        assertThat(page.locator("#proof-result")).hasText(Pattern.compile("Proof verified in your browser"));
        assertThat(page.locator("#proof-result")).hasClass(Pattern.compile("verified"));
        assertThat(page.locator("#proof-checks li.ok")).hasCount(4);
        assertThat(page.locator("#proof-checks li.bad")).hasCount(0);
        screenshot("05-proof-verified");
    }

    @Test
    @Order(3)
    void aProofAgainstABlockWithAnotherMerkleRootIsNotVerified() {
        String job = jobThatCompleted();
        signIn(alice.key());
        String tx = api.chainTransactions().stream()
                .filter(t -> "JOB_COMPLETED".equals(t.get("type"))
                        && job.equals(DevnetApi.asMap(t.get("payload")).get("job")))
                .map(t -> (String) t.get("id"))
                .findFirst()
                .orElseThrow();
        // the browser is told a different root than the chain's: its own check must catch it
        page.route("**/api/v1/ledger/blocks/*", route -> {
            var real = route.fetch();
            String body = real.text()
                    .replaceFirst("\"merkleRoot\":\"[0-9a-f]{64}\"", "\"merkleRoot\":\"" + "ab".repeat(32) + "\"");
            route.fulfill(new Route.FulfillOptions().setResponse(real).setBody(body));
        });
        page.navigate(devnet.gatewayUrl() + "/console/#/chain/transactions/" + tx);

        assertThat(page.locator("#proof-result"))
                .hasText(Pattern.compile("Proof not verified: root from the audit path"));
        assertThat(page.locator("#proof-result")).hasClass(Pattern.compile("failed"));
        screenshot("06-proof-refused");
    }

    @Test
    @Order(4)
    void aWrongKeyIsRefusedOnTheSignInFormAndSignsNobodyIn() {
        page.navigate(devnet.gatewayUrl() + "/console");
        page.locator("#api-key").fill("dcp_not_a_key_of_anyone");
        page.locator("#sign-in-button").click();

        assertThat(page.locator("#api-key-error")).hasText("This API key is not valid.");
        assertThat(page.locator("#api-key")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#nav")).isHidden();
        assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
        screenshot("07-wrong-key");
    }

    @Test
    @Order(5)
    void theApisFieldErrorsAreShownAtTheirFields() {
        signIn(alice.key());
        page.locator("#nav a[data-section=submit]").click();
        page.locator("#field-kind").selectOption("primes");
        page.locator("#field-input-from").fill("5000");
        page.locator("#field-input-to").fill("10");
        page.locator("#field-parallelism").fill("0");
        page.locator("#submit-job").click();

        assertThat(page.locator("[data-error-for='input.to']")).hasText("must be greater than from");
        assertThat(page.locator("[data-error-for='parallelism']")).hasText("must be between 1 and 10000");
        assertThat(page.locator("#field-input-to")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("[data-error-for='input.from']")).isEmpty();
        assertThat(page).hasURL(Pattern.compile(".*#/submit$"));
        screenshot("08-field-errors");
    }

    @Test
    @Order(6)
    void theKeyIsKeptInSessionStorageAndNeverInAUrl() {
        signIn(alice.key());
        page.locator("#nav a[data-section=workers]").click();
        assertThat(page.locator("#workers-list tbody tr")).hasCount(3);
        page.locator("#nav a[data-section=chain]").click();
        assertThat(page.locator("#blocks tbody tr").first()).isVisible();
        page.locator("#nav a[data-section=account]").click();
        assertThat(page.locator("#account-balance")).containsText("credits");
        screenshot("09-account");

        assertThat(page.evaluate("() => sessionStorage.getItem('dcp.apiKey')")).isEqualTo(alice.key());
        assertThat(page.evaluate("() => localStorage.length")).isEqualTo(0);
        assertThat(page.evaluate("() => document.cookie")).isEqualTo("");
        assertThat(page.url()).doesNotContain(alice.key());
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.url()).doesNotContain(alice.key()));
        assertThat(requests.stream().filter(r -> r.url().contains("/api/v1/")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.allHeaders()).containsEntry("authorization", "Bearer " + alice.key()));

        page.locator("#sign-out").click();
        assertThat(page.locator("#api-key")).isVisible();
        assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
    }

    @Test
    @Order(7)
    void theAdminCreatesATenantDepositsAndSeesTheCreditsConserved() {
        signIn(ADMIN_KEY);
        assertThat(page.locator("#who-name")).hasText("admin");
        page.locator("#nav a[data-section=admin]").click();
        assertThat(page.locator("#audit-conserved")).hasText("conserved");
        page.locator("#tenant-form-name").fill("bob");
        page.locator("#tenant-form button[type=submit]").click();
        assertThat(page.locator("#new-tenant-key")).hasText(Pattern.compile("\\S{16,}"));
        page.locator("#deposit-form-amount").fill("12.5");
        page.locator("#deposit-form button[type=submit]").click();

        assertThat(page.locator("#deposit-done")).hasText("Deposited: the balance is now 12.5 credits.");
        assertThat(page.locator("#audit-conserved")).hasText("conserved");
        screenshot("10-admin");
    }

    private void signIn(String key) {
        page.navigate(devnet.gatewayUrl() + "/console");
        page.locator("#api-key").fill(key);
        page.locator("#sign-in-button").click();
        assertThat(page.locator("#who-name")).isVisible();
        assertThat(page.locator("#nav")).isVisible();
    }

    /** The job the first test completed, or one submitted here when this test runs alone. */
    private String jobThatCompleted() {
        if (completedJob == null) {
            completedJob = api.submit(
                    alice,
                    Map.of(
                            "kind",
                            "primes",
                            "input",
                            Map.of("from", 0, "to", 100_000_000),
                            "parallelism",
                            8,
                            "maxCredits",
                            5_000_000));
            assertThat(api.awaitEnd(alice, completedJob)).containsEntry("status", "COMPLETED");
        }
        return completedJob;
    }

    private void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }
}
