package dev.dcp.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStoredShardReadsBackAndCountsAgainstTheCapacity() throws Exception {
        ShardStore store = new ShardStore(dir, 100);
        assertThat(store.put("s-1", new byte[] {1, 2, 3})).isTrue();
        assertThat(store.get("s-1")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(store.usedBytes()).isEqualTo(3);
        assertThat(store.get("s-2")).isEmpty();
    }

    @Test
    void aShardThatWouldNotFitIsRefusedAndNothingIsWritten() throws Exception {
        ShardStore store = new ShardStore(dir, 10);
        assertThat(store.put("s-1", new byte[8])).isTrue();
        assertThat(store.put("s-2", new byte[3])).isFalse();
        assertThat(store.get("s-2")).isEmpty();
        // storing the same shard again replaces it and needs no more room
        assertThat(store.put("s-1", new byte[9])).isTrue();
        assertThat(store.usedBytes()).isEqualTo(9);
    }

    @Test
    void deletingFreesTheRoomAndDeletingTwiceIsHarmless() throws Exception {
        ShardStore store = new ShardStore(dir, 10);
        store.put("s-1", new byte[8]);
        store.delete("s-1");
        store.delete("s-1");
        assertThat(store.usedBytes()).isZero();
        assertThat(store.get("s-1")).isEmpty();
    }

    @Test
    void aRestartCountsTheShardsOnDiskAndDropsHalfWrittenOnes() throws Exception {
        new ShardStore(dir, 100).put("s-1", new byte[7]);
        Files.write(dir.resolve(".partial-s-2"), new byte[50]);

        ShardStore again = new ShardStore(dir, 100);

        assertThat(again.usedBytes()).isEqualTo(7);
        assertThat(Files.exists(dir.resolve(".partial-s-2"))).isFalse();
    }

    @Test
    void anIdThatCouldLeaveTheDirectoryIsRefused() {
        ShardStore store = new ShardStore(dir, 100);
        assertThatThrownBy(() -> store.put("../escape", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
