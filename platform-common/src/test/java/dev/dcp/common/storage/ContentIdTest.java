package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class ContentIdTest {

    @Test
    void theEmptyContentHasTheCidEveryMultiformatsLibraryGives() {
        assertThat(ContentId.of(new byte[0]))
                .hasToString("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void helloWorldHasTheCidIpfsGivesForRawLeaves() {
        assertThat(ContentId.of("hello world".getBytes(StandardCharsets.US_ASCII)))
                .hasToString("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Property
    void theCidIsTheBase32OfTheMultihashPrefixedBinaryForm(@ForAll byte[] content) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
        byte[] binary = new byte[36];
        binary[0] = 0x01;
        binary[1] = 0x55;
        binary[2] = 0x12;
        binary[3] = 0x20;
        System.arraycopy(digest, 0, binary, 4, 32);
        String independent =
                "b" + new Base32().encodeAsString(binary).replace("=", "").toLowerCase(Locale.ROOT);

        assertThat(ContentId.of(content)).hasToString(independent);
        assertThat(ContentId.of(new ByteArrayInputStream(content))).isEqualTo(ContentId.of(content));
        assertThat(ContentId.parse(independent).digest()).isEqualTo(digest);
    }

    @Test
    void aCidIsReadBackIntoTheSameDigest() {
        ContentId id = ContentId.of(new byte[] {1, 2, 3});
        assertThat(ContentId.parse(id.toString())).isEqualTo(id);
        assertThat(ContentId.parse(id.toString()).digestHex()).isEqualTo(id.digestHex());
    }

    @Test
    void whatIsNotACidOfRawBytesIsRefusedWithAReason() {
        String good = ContentId.of(new byte[0]).toString();
        assertThatThrownBy(() -> ContentId.parse("QmbWqxBEKC3P8tqsKc98xmWNzrzDtRLMiMPL8wBuTGsMnR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bafkrei");
        assertThatThrownBy(() -> ContentId.parse(good.toUpperCase(Locale.ROOT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentId.parse(good.substring(0, 58) + "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base32");
        // dag-pb (0x70) instead of raw: "bafybei..."
        assertThatThrownBy(() -> ContentId.parse("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw codec");
        assertThatThrownBy(() -> ContentId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherSpellingOfTheSameBitsIsRefused() {
        String good = ContentId.of(new byte[0]).toString();
        // 288 bits in 58 characters leave 2 padding bits in the last one; setting them spells the same bytes.
        char last = good.charAt(58);
        String other = good.substring(0, 58) + (char) (last + 1);
        assertThatThrownBy(() -> ContentId.parse(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canonical");
    }
}
