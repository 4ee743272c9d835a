package dev.dcp.common.storage;

/** Fewer than {@code k} good shards of a segment remain: the segment cannot be rebuilt, never guessed. */
public final class NotEnoughShards extends RuntimeException {

    private final int present;
    private final int needed;

    public NotEnoughShards(int present, int needed) {
        super(present + " good shards, " + needed + " needed");
        this.present = present;
        this.needed = needed;
    }

    public int present() {
        return present;
    }

    public int needed() {
        return needed;
    }
}
