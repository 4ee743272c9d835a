package dev.dcp.scheduler.storage;

import dev.dcp.common.storage.PlatformKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /**
     * The configured platform key, or one generated once into the key file (a devnet's): losing it makes every
     * stored object unreadable, so it is never regenerated over an existing file.
     */
    @Bean
    PlatformKey platformKey(StorageProperties properties) {
        if (properties.platformKey() != null && !properties.platformKey().isBlank()) {
            return PlatformKey.fromBase64(properties.platformKey());
        }
        Path file = Path.of(properties.keyFile());
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                Files.writeString(
                        partial,
                        Base64.getEncoder().encodeToString(PlatformKey.newObjectKey()),
                        StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's permissions are all there is
                }
                Files.move(partial, file);
            }
            return PlatformKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the platform storage key " + file, e);
        }
    }
}
