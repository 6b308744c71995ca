package ai.litellm.operator.eventlog;

import java.nio.charset.StandardCharsets;

/**
 * Stable partition of a key: FNV-1a over the UTF-8 bytes of {@code namespace/name}. Unlike {@link String#hashCode()}
 * mixed with a modulo, FNV spreads similar names ("model-00001", "model-00002") evenly, and it is defined here, so
 * it stays stable across JVMs and releases.
 */
public final class Partitioner {

    private Partitioner() {
    }

    public static int partition(String key, int partitions) {
        int h = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        return Math.floorMod(h, partitions);
    }
}
