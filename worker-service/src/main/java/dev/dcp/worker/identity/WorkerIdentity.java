package dev.dcp.worker.identity;

import dev.dcp.common.crypto.Ed25519;
import dev.dcp.worker.WorkerProperties;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** The worker's Ed25519 key, which signs every result, and the id it reports under. */
@Component
public class WorkerIdentity {

    private final Ed25519.KeyPair keys;
    private final String id;

    public WorkerIdentity(WorkerProperties properties) {
        this.keys = properties.key() != null && !properties.key().isBlank()
                ? Ed25519.fromPrivateKeyHex(properties.key())
                : Ed25519.loadOrCreate(Path.of(properties.dataDir(), "worker.key"));
        this.id = properties.id() != null && !properties.id().isBlank()
                ? properties.id()
                : "w-" + keys.publicKeyHex().substring(0, 16);
    }

    public Ed25519.KeyPair keys() {
        return keys;
    }

    public String id() {
        return id;
    }
}
