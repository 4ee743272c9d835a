package dev.dcp.bench;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.json.Json;
import dev.dcp.common.storage.ContentId;
import dev.dcp.testkit.GeneratedBytes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;

/**
 * Upload and download of one large object through the gateway, as a client streams it: the bytes are generated
 * on the fly (never held), the CID is computed on the client's side and compared, and the download is hashed as it
 * arrives and compared too. Prints MB/s each way (1 MB = 10^6 bytes).
 * <pre>
 * ./dcp devnet --fresh &amp;
 * java -cp bench/target/benchmarks.jar dev.dcp.bench.ObjectLoad --admin-key $(cat .dcp/devnet/admin.key) --mib 1024
 * </pre>
 */
public final class ObjectLoad {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    private ObjectLoad(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LedgerLoad.options(args);
        ObjectLoad load = new ObjectLoad(opts.getOrDefault("url", "http://localhost:8080"));
        long bytes = Long.parseLong(opts.getOrDefault("mib", "1024")) << 20;
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
        String key = tenant(load.http, load.url, opts.get("admin-key"));
        for (int round = 1; round <= rounds; round++) {
            load.round(key, bytes, round);
        }
    }

    private void round(String key, long bytes, long seed) throws Exception {
        MessageDigest expected = Hashes.sha256();
        long start = System.nanoTime();
        HttpResponse<String> put = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/objects"))
                        .timeout(Duration.ofMinutes(30))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new GeneratedBytes(bytes, seed, expected)),
                                bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double up = seconds(start);
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + put.statusCode() + ": " + put.body());
        }
        String cid = (String) Json.readMap(put.body()).get("cid");
        String mine = ContentId.ofSha256(expected.digest()).toString();
        if (!cid.equals(mine)) {
            throw new IllegalStateException("the platform named the object " + cid + ", its bytes are " + mine);
        }

        start = System.nanoTime();
        HttpResponse<InputStream> get = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/objects/" + cid))
                        .timeout(Duration.ofMinutes(30))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest got = Hashes.sha256();
        long received = 0;
        try (InputStream in = get.body()) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                got.update(buffer, 0, n);
                received += n;
            }
        }
        double down = seconds(start);
        if (get.statusCode() != 200
                || received != bytes
                || !ContentId.ofSha256(got.digest()).toString().equals(cid)) {
            throw new IllegalStateException("download answered " + get.statusCode() + " with " + received + " bytes"
                    + " that are not the object's");
        }
        System.out.printf(
                "summary: object %d MiB  up %.1f s = %.0f MB/s  down %.1f s = %.0f MB/s  (%s)%n",
                bytes >> 20, up, bytes / up / 1e6, down, bytes / down / 1e6, cid);
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/objects/" + cid))
                        .header("Authorization", "Bearer " + key)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** A fresh consumer tenant with 10,000 credits; its API key. */
    static String tenant(HttpClient http, String url, String adminKey) throws Exception {
        if (adminKey == null) {
            throw new IllegalArgumentException("--admin-key is required (the devnet prints it)");
        }
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants"))
                        .header("Authorization", "Bearer " + adminKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Json.write(Map.of("name", "objects-" + System.nanoTime(), "role", "consumer"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating a tenant answered " + created.statusCode());
        }
        Map<String, Object> tenant = Json.readMap(created.body());
        // storing escrows its retention: 10,000 credits keep many GiB for the default 30 days at the devnet's price
        HttpResponse<String> deposited = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants/" + tenant.get("id") + "/deposits"))
                        .header("Authorization", "Bearer " + adminKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("amount", 10_000_000_000L))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (deposited.statusCode() != 201) {
            throw new IllegalStateException("the deposit answered " + deposited.statusCode());
        }
        return (String) tenant.get("apiKey");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
