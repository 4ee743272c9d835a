package dev.dcp.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeySealTest {

    private final byte[] objectKey = PlatformKey.newObjectKey();

    @Test
    void theRecipientOfTheSealOpensTheObjectKey() {
        ObjectKeySeal.Recipient worker = ObjectKeySeal.Recipient.fresh();
        byte[] sealed = ObjectKeySeal.seal(objectKey, worker.publicKey(), "read-1");
        assertThat(worker.open(sealed, "read-1")).isEqualTo(objectKey);
    }

    @Test
    void anotherKeyPairCannotOpenIt() {
        ObjectKeySeal.Recipient worker = ObjectKeySeal.Recipient.fresh();
        byte[] sealed = ObjectKeySeal.seal(objectKey, worker.publicKey(), "read-1");
        assertThatThrownBy(() -> ObjectKeySeal.Recipient.fresh().open(sealed, "read-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSealForOneReadDoesNotOpenForAnother() {
        ObjectKeySeal.Recipient worker = ObjectKeySeal.Recipient.fresh();
        byte[] sealed = ObjectKeySeal.seal(objectKey, worker.publicKey(), "read-1");
        assertThatThrownBy(() -> worker.open(sealed, "read-2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSealHoldsNoByteRunOfTheKeyAndDiffersEachTime() {
        ObjectKeySeal.Recipient worker = ObjectKeySeal.Recipient.fresh();
        byte[] a = ObjectKeySeal.seal(objectKey, worker.publicKey(), "r");
        byte[] b = ObjectKeySeal.seal(objectKey, worker.publicKey(), "r");
        assertThat(a).isNotEqualTo(b);
        assertThat(java.util.HexFormat.of().formatHex(a))
                .doesNotContain(java.util.HexFormat.of().formatHex(objectKey, 0, 8));
    }

    @Test
    void somethingThatIsNotAnX25519KeyIsRefused() {
        assertThatThrownBy(() -> ObjectKeySeal.seal(objectKey, new byte[44], "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeySeal.seal(objectKey, new byte[3], "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
