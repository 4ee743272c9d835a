package dev.dcp.worker.storage;

import dev.dcp.common.storage.StorageRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The shards placed on this worker, one file each under its data directory. A shard is written to a temporary
 * file, forced to disk and renamed into place, so after a crash a shard is either whole or absent; a receipt is sent
 * only after that. The files hold what the platform sent: ciphertext.
 */
public final class ShardStore {

    private static final String PARTIAL = ".partial-";

    private final Path directory;
    private final long capacityBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    public ShardStore(Path directory, long capacityBytes) {
        this.directory = directory;
        this.capacityBytes = capacityBytes;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (file.getFileName().toString().startsWith(PARTIAL)) {
                        Files.deleteIfExists(file); // a write a crash interrupted; its shard was never receipted
                    } else {
                        usedBytes.addAndGet(Files.size(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the shard directory " + directory, e);
        }
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    /**
     * Keeps a shard durably.
     *
     * @return false when it would not fit in the capacity offered (nothing is written then)
     */
    public synchronized boolean put(String shardId, byte[] bytes) throws IOException {
        Path target = file(shardId);
        long previous = Files.exists(target) ? Files.size(target) : 0;
        if (usedBytes.get() - previous + bytes.length > capacityBytes) {
            return false;
        }
        Path partial = directory.resolve(PARTIAL + shardId);
        try (FileChannel channel = FileChannel.open(
                partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        usedBytes.addAndGet(bytes.length - previous);
        return true;
    }

    public Optional<byte[]> get(String shardId) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(shardId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public synchronized void delete(String shardId) throws IOException {
        Path target = file(shardId);
        if (Files.exists(target)) {
            long size = Files.size(target);
            Files.delete(target);
            usedBytes.addAndGet(-size);
        }
    }

    private Path file(String shardId) {
        if (!StorageRecords.isShardId(shardId)) {
            throw new IllegalArgumentException("not a shard id: " + shardId);
        }
        return directory.resolve(shardId);
    }

    private void forceDirectory() {
        // makes the rename durable where the file system allows opening a directory (Linux does; others may not)
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: the rename is as durable as the platform makes it
        }
    }
}
