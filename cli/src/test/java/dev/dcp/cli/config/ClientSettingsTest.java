package dev.dcp.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {

    @TempDir
    Path home;

    @Test
    void theConfigFileIsInTheUsersConfigDirectory() {
        assertThat(ClientSettings.file(Map.of("HOME", "/home/ann"))).isEqualTo(Path.of("/home/ann/.config/dcp/config"));
        assertThat(ClientSettings.file(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg")))
                .isEqualTo(Path.of("/cfg/dcp/config"));
    }

    @Test
    void savedSettingsAreReadableByTheirOwnerOnly() throws Exception {
        Path file = ClientSettings.file(Map.of("HOME", home.toString()));
        new ClientSettings("http://example.test:8080", "dcp_secret").save(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(ClientSettings.load(file)).isEqualTo(new ClientSettings("http://example.test:8080", "dcp_secret"));
    }

    @Test
    void optionsBeatTheEnvironmentWhichBeatsTheSavedLogin() {
        Map<String, String> env = Map.of("HOME", home.toString());
        new ClientSettings("http://saved", "saved-key").save(ClientSettings.file(env));
        assertThat(ClientSettings.resolve(null, null, env)).isEqualTo(new ClientSettings("http://saved", "saved-key"));
        Map<String, String> withEnv =
                Map.of("HOME", home.toString(), "DCP_URL", "http://env", "DCP_API_KEY", "env-key");
        assertThat(ClientSettings.resolve(null, null, withEnv)).isEqualTo(new ClientSettings("http://env", "env-key"));
        assertThat(ClientSettings.resolve("http://option", "option-key", withEnv))
                .isEqualTo(new ClientSettings("http://option", "option-key"));
    }

    @Test
    void withNothingSavedTheDevnetsUrlIsTheDefaultAndThereIsNoKey() {
        assertThat(ClientSettings.resolve(null, null, Map.of("HOME", home.toString())))
                .isEqualTo(new ClientSettings("http://localhost:8080", null));
    }
}
