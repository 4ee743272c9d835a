package dev.dcp.ledger.block;

import java.util.Map;

/**
 * Published to the transaction topic by a replica whose oldest pending transaction waited {@code maxLatency}.
 * Its place in the topic, not the replica that sent it, decides where the block ends.
 */
public record CutMarker(String cut, long timestamp) {

    public static CutMarker at(long timestamp, String replica) {
        return new CutMarker(replica, timestamp);
    }

    public static boolean isMarker(Map<String, Object> message) {
        return message.containsKey("cut") && !message.containsKey("signature");
    }
}
