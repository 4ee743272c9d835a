package dev.dcp.contract.account;

import static dev.dcp.contract.support.ContractCalls.endOffset;
import static dev.dcp.contract.support.ContractCalls.ledgerTransactionsFrom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.auth.ServiceCredential;
import dev.dcp.common.ledger.Transaction;
import dev.dcp.contract.support.ContractCalls;
import dev.dcp.contract.support.ContractCalls.Reply;
import dev.dcp.testkit.ServiceTestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=contract")
class AccountsIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestSupport.register(registry, "contract", dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ContractCalls calls;

    @BeforeEach
    void client() {
        calls = new ContractCalls(port);
    }

    @Test
    void adminCreatesATenantWhoseKeyIsShownOnceAndResolvesToIt() {
        Reply created = call("POST", "/api/v1/tenants", Caller.admin(), Map.of("name", "alice", "role", "consumer"));
        assertThat(created.status()).isEqualTo(201);
        String key = (String) created.body().get("apiKey");
        assertThat(key).startsWith("dcp_").hasSizeGreaterThan(40);

        Reply resolved = call("POST", "/internal/keys/resolve", Caller.admin(), Map.of("keyHash", ApiKeys.hash(key)));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body())
                .containsEntry("tenantId", created.body().get("id"))
                .containsEntry("role", "consumer");
        assertThat(call("POST", "/internal/keys/resolve", Caller.admin(), Map.of("keyHash", ApiKeys.hash(key + "x")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDepositRaisesTheBalanceAndIsPublishedAsASignedLedgerTransaction() {
        String id = createTenant("bob", "consumer");
        long offsetBefore = endOffset();
        Reply deposit =
                call("POST", "/api/v1/tenants/" + id + "/deposits", Caller.admin(), Map.of("amount", 2_500_000));
        assertThat(deposit.status()).isEqualTo(201);
        assertThat(((Number) deposit.body().get("balance")).longValue()).isEqualTo(2_500_000);

        Caller bob = new Caller(id, Caller.Role.CONSUMER);
        Reply me = call("GET", "/api/v1/accounts/me", bob, null);
        assertThat(me.body()).containsEntry("id", id).containsEntry("name", "bob");
        assertThat(((Number) me.body().get("balance")).longValue()).isEqualTo(2_500_000);

        Reply statement = call("GET", "/api/v1/accounts/me/statement", bob, null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines =
                (List<Map<String, Object>>) statement.body().get("items");
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l)
                    .containsEntry("type", "DEPOSIT")
                    .containsEntry("transactionId", deposit.body().get("transactionId"));
            assertThat(((Number) l.get("amount")).longValue()).isEqualTo(2_500_000);
        });

        List<Transaction> published = ledgerTransactionsFrom(offsetBefore, jdbc);
        assertThat(published).anySatisfy(tx -> {
            assertThat(tx.id()).isEqualTo(deposit.body().get("transactionId"));
            assertThat(tx.type()).isEqualTo("DEPOSIT");
            assertThat(tx.payload()).containsEntry("account", id);
            assertThat(tx.isAuthentic()).isTrue();
        });
    }

    @Test
    void invalidInputIsA400ProblemListingTheFieldsAndCreatesNothing() {
        Reply bad = call("POST", "/api/v1/tenants", Caller.admin(), Map.of("name", "", "role", "emperor"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) bad.body().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactlyInAnyOrder("name", "role");

        String id = createTenant("carol", "provider");
        assertThat(call("POST", "/api/v1/tenants/" + id + "/deposits", Caller.admin(), Map.of("amount", -5))
                        .status())
                .isEqualTo(400);
        assertThat(call("POST", "/api/v1/tenants/" + id + "/deposits", Caller.admin(), "{\"amount\":")
                        .status())
                .isEqualTo(400);
        Reply me = call("GET", "/api/v1/accounts/me", new Caller(id, Caller.Role.PROVIDER), null);
        assertThat(((Number) me.body().get("balance")).longValue()).isZero();
    }

    @Test
    void tenantKeysCannotUseAdminRoutesAndUnknownTenantsAre404() {
        String id = createTenant("dave", "consumer");
        Caller dave = new Caller(id, Caller.Role.CONSUMER);
        assertThat(call("POST", "/api/v1/tenants", dave, Map.of("name", "eve", "role", "consumer"))
                        .status())
                .isEqualTo(403);
        assertThat(call("POST", "/api/v1/tenants/" + id + "/deposits", dave, Map.of("amount", 5))
                        .status())
                .isEqualTo(403);
        assertThat(call("POST", "/api/v1/tenants/no-such-tenant/deposits", Caller.admin(), Map.of("amount", 5))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void admissionRefusesAJobTheBalanceCannotCoverWith402() {
        String id = createTenant("frank", "consumer");
        call("POST", "/api/v1/tenants/" + id + "/deposits", Caller.admin(), Map.of("amount", 1000));
        Reply ok = call(
                "POST",
                "/internal/admissions",
                Caller.admin(),
                Map.of("jobId", "j1", "tenantId", id, "maxCredits", 1000, "subtasks", 1));
        assertThat(ok.status()).isEqualTo(200);
        Reply refused = call(
                "POST",
                "/internal/admissions",
                Caller.admin(),
                Map.of("jobId", "j2", "tenantId", id, "maxCredits", 1001, "subtasks", 1));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.body()).containsEntry("title", "Insufficient credits");
    }

    @Test
    void withoutTheGatewayCredentialEveryApiCallIs401() {
        int status = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/api/v1/accounts/me")
                .header(ServiceCredential.HEADER, "forged.credential")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(401);
    }

    private String createTenant(String name, String role) {
        Reply created = call("POST", "/api/v1/tenants", Caller.admin(), Map.of("name", name, "role", role));
        assertThat(created.status()).isEqualTo(201);
        return (String) created.body().get("id");
    }

    private Reply call(String method, String path, Caller caller, Object body) {
        return calls.call(method, path, caller, body);
    }
}
