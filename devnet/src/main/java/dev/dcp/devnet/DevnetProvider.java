package dev.dcp.devnet;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The devnet's own provider, set up through the public API as any provider would be: a provider tenant with a
 * deposit, a stake above the minimum, and every devnet worker's key enrolled at {@link #PRICE}, offering
 * {@link Devnet#DEVNET_WORKER_STORAGE_BYTES} for shards at {@link #STORAGE_PRICE}. Created once and
 * kept with the state (its API key in {@code provider.key}, owner-only).
 */
final class DevnetProvider {

    /** The devnet workers' price: 0.01 credit per CPU-second. */
    static final long PRICE = 10_000;

    /** What the devnet workers ask for keeping shards: 1 credit per GiB-day. */
    static final long STORAGE_PRICE = 1_000_000;

    static final long DEPOSIT = 1_000_000_000L;
    static final long STAKE = 100_000_000L;
    static final int SLOTS = 2;

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newHttpClient();

    private DevnetProvider(String base, String key) {
        this.base = base;
        this.key = key;
    }

    static DevnetProvider bootstrap(String gatewayUrl, String adminKey, Path dir, Properties state) {
        Path keyFile = dir.resolve("provider.key");
        if (state.getProperty("provider.id") != null && Files.exists(keyFile)) {
            try {
                return new DevnetProvider(gatewayUrl, Files.readString(keyFile).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        DevnetProvider admin = new DevnetProvider(gatewayUrl, adminKey);
        Map<String, Object> tenant =
                admin.post("/api/v1/tenants", Map.of("name", "devnet-provider", "role", "provider"), 201);
        String id = (String) tenant.get("id");
        admin.post("/api/v1/tenants/" + id + "/deposits", Map.of("amount", DEPOSIT), 201);
        DevnetProvider provider = new DevnetProvider(gatewayUrl, (String) tenant.get("apiKey"));
        provider.post("/api/v1/providers/me/stake", Map.of("amount", STAKE, "lockDays", 30), 201);
        try {
            Files.writeString(keyFile, provider.key + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.setProperty("provider.id", id);
        return provider;
    }

    String apiKey() {
        return key;
    }

    /** Enrols a worker key; one enrolled before (a restarted devnet) is left as it is. */
    void enrol(Ed25519.KeyPair worker) {
        post(
                "/api/v1/providers/me/workers",
                Map.of(
                        "publicKey",
                        worker.publicKeyHex(),
                        "slots",
                        SLOTS,
                        "pricePerCpuSecond",
                        PRICE,
                        "storageBytes",
                        Devnet.DEVNET_WORKER_STORAGE_BYTES,
                        "pricePerGiBDay",
                        STORAGE_PRICE),
                201,
                409);
    }

    /**
     * A new bus credential for the provider's workers (one issued before stops working), as the workers' Spring
     * properties.
     */
    Map<String, Object> brokerCredentials() {
        Map<String, Object> issued = post("/api/v1/providers/me/broker-credentials", Map.of(), 201);
        return Map.of(
                "dcp.kafka.username", issued.get("username"),
                "dcp.kafka.password", issued.get("password"),
                "dcp.kafka.mechanism", issued.get("mechanism"));
    }

    private Map<String, Object> post(String path, Map<String, Object> body, int... expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return Json.readMap(response.body());
                }
            }
            throw new IllegalStateException(
                    "devnet setup: POST " + path + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during devnet setup", e);
        }
    }
}
