package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PlatformKeyTest {

    private final PlatformKey platform = new PlatformKey(PlatformKey.newObjectKey());

    @Test
    void aWrappedObjectKeyUnwrapsToItself() {
        byte[] objectKey = PlatformKey.newObjectKey();
        byte[] wrapped = platform.wrap(objectKey);
        assertThat(wrapped).hasSize(61).startsWith(1);
        assertThat(platform.unwrap(wrapped)).isEqualTo(objectKey);
        assertThat(platform.wrap(objectKey)).isNotEqualTo(wrapped);
    }

    @Test
    void anotherPlatformKeyCannotUnwrapIt() {
        byte[] wrapped = platform.wrap(PlatformKey.newObjectKey());
        PlatformKey other = new PlatformKey(PlatformKey.newObjectKey());
        assertThatThrownBy(() -> other.unwrap(wrapped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another platform key");
    }

    @Test
    void theConfiguredKeyMustBe32BytesOfBase64() {
        assertThat(PlatformKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])))
                .isNotNull();
        assertThatThrownBy(() -> PlatformKey.fromBase64("c2hvcnQ="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PlatformKey.fromBase64("not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64");
    }
}
