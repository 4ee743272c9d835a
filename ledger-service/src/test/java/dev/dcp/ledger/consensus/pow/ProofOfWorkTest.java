package dev.dcp.ledger.consensus.pow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dcp.common.crypto.Hashes;
import dev.dcp.common.ledger.BlockHeader;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ProofOfWorkTest {

    private static final BigInteger TWO = BigInteger.valueOf(2);

    private static BlockHeader header(int difficulty) {
        return new BlockHeader(
                42, "3c".repeat(32), "5d".repeat(32), 1_700_000_123_456L, 7, "e1".repeat(32), "pow", difficulty, 0);
    }

    /** The spec's seal, computed here: the hash as an unsigned big-endian 256-bit integer is below 2^(256-d). */
    private static boolean sealHolds(String hashHex, int difficulty) {
        byte[] raw = Hashes.unhex(hashHex);
        BigInteger value = BigInteger.ZERO;
        for (byte b : raw) {
            value = value.multiply(BigInteger.valueOf(256)).add(BigInteger.valueOf(b & 0xff));
        }
        return value.compareTo(TWO.pow(256 - difficulty)) < 0;
    }

    /** A 64-hex-digit hash whose value is exactly {@code value}. */
    private static String hashOf(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    @Test
    void minedHeadersMeetTheTargetForDifficultiesZeroToTwelve() {
        for (int d = 0; d <= 12; d++) {
            BlockHeader cut = header(d);

            BlockHeader mined = ProofOfWork.mine(cut);

            assertThat(sealHolds(mined.hash(), d))
                    .as("difficulty %d, nonce %d", d, mined.nonce())
                    .isTrue();
            assertThat(ProofOfWork.meetsTarget(mined.hash(), d)).isTrue();
            assertThat(mined).as("only the nonce changes").isEqualTo(cut.withNonce(mined.nonce()));
        }
    }

    @Test
    void theMinedNonceIsTheSmallestThatMeetsTheTarget() {
        for (int d : new int[] {1, 4, 7, 10, 12}) {
            BlockHeader cut = header(d);

            BlockHeader mined = ProofOfWork.mine(cut);

            for (long nonce = mined.nonce() - 1; nonce >= 0; nonce--) {
                assertThat(sealHolds(cut.withNonce(nonce).hash(), d))
                        .as("difficulty %d, nonce %d", d, nonce)
                        .isFalse();
            }
        }
    }

    @Test
    void atDifficultyZeroEveryHashMeetsTheTargetSoTheNonceStaysZero() {
        assertThat(ProofOfWork.mine(header(0)).nonce()).isZero();
    }

    @Test
    void miningIsDeterministic() {
        BlockHeader first = ProofOfWork.mine(header(10));
        BlockHeader second = ProofOfWork.mine(header(10));

        assertThat(second).isEqualTo(first);
        assertThat(second.hash()).isEqualTo(first.hash());
    }

    @Test
    void aHashJustBelowTheTargetMeetsItAndTheTargetItselfDoesNot() {
        for (int d : new int[] {1, 8, 12, 100, 255}) {
            BigInteger target = TWO.pow(256 - d);

            assertThat(ProofOfWork.meetsTarget(hashOf(target.subtract(BigInteger.ONE)), d))
                    .as("d=%d", d)
                    .isTrue();
            assertThat(ProofOfWork.meetsTarget(hashOf(target), d)).as("d=%d", d).isFalse();
        }
    }

    @Test
    void leadingZeroBitsDecideTheSealAtByteBoundaries() {
        assertThat(ProofOfWork.meetsTarget("00" + "ff".repeat(31), 8)).isTrue();
        assertThat(ProofOfWork.meetsTarget("01" + "00".repeat(31), 8)).isFalse();
        assertThat(ProofOfWork.meetsTarget("0000" + "ff".repeat(30), 16)).isTrue();
        assertThat(ProofOfWork.meetsTarget("0001" + "00".repeat(30), 16)).isFalse(); // exactly 2^240
        assertThat(ProofOfWork.meetsTarget("0001" + "00".repeat(30), 15)).isTrue();
        assertThat(ProofOfWork.meetsTarget("0080" + "00".repeat(30), 8)).isTrue();
        assertThat(ProofOfWork.meetsTarget("0080" + "00".repeat(30), 9)).isFalse();
    }

    @Test
    void theHighestHashMeetsOnlyDifficultyZeroAndTheZeroHashMeetsEveryDifficulty() {
        String max = "ff".repeat(32);
        String zero = "00".repeat(32);

        assertThat(ProofOfWork.meetsTarget(max, 0)).isTrue();
        assertThat(ProofOfWork.meetsTarget(max, 1)).isFalse();
        assertThat(ProofOfWork.meetsTarget(zero, 255)).isTrue();
        assertThat(ProofOfWork.meetsTarget(hashOf(BigInteger.ONE), 255)).isTrue();
        assertThat(ProofOfWork.meetsTarget(hashOf(TWO), 255)).isFalse();
    }

    @Test
    void theTargetIsTwoToThe256MinusDifficultyAndDifficultiesOutsideZeroTo255AreRefused() {
        assertThat(ProofOfWork.target(0)).isEqualTo(TWO.pow(256));
        assertThat(ProofOfWork.target(20)).isEqualTo(TWO.pow(236));
        assertThat(ProofOfWork.target(255)).isEqualTo(TWO);
        assertThatThrownBy(() -> ProofOfWork.target(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProofOfWork.target(256)).isInstanceOf(IllegalArgumentException.class);
    }
}
