package dev.dcp.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where the CLI finds the API and its key: {@code --url}/{@code --key} first, then {@code DCP_URL}/{@code
 * DCP_API_KEY}, then what {@code dcp login} saved in the user's config directory ({@code
 * $XDG_CONFIG_HOME/dcp/config}, by default {@code ~/.config/dcp/config}), then the devnet's default URL.
 */
public record ClientSettings(String url, String key) {

    public static final String DEFAULT_URL = "http://localhost:8080";

    /** The file {@code dcp login} writes: readable by its owner only, since it holds an API key. */
    public static Path file(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path dir = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return dir.resolve("dcp").resolve("config");
    }

    public static ClientSettings resolve(String urlOption, String keyOption, Map<String, String> env) {
        ClientSettings saved = load(file(env));
        String url = first(urlOption, env.get("DCP_URL"), saved.url(), DEFAULT_URL);
        String key = first(keyOption, env.get("DCP_API_KEY"), saved.key(), null);
        return new ClientSettings(url, key);
    }

    static ClientSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ClientSettings(null, null);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ClientSettings(p.getProperty("url"), p.getProperty("key"));
    }

    /** Writes the settings with mode 0600, created so from the start: the key is never readable by others. */
    public void save(Path file) {
        Properties p = new Properties();
        p.setProperty("url", url);
        if (key != null) {
            p.setProperty("key", key);
        }
        try {
            Files.createDirectories(file.getParent());
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(tmp);
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                p.store(out, "dcp login");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (posix) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
