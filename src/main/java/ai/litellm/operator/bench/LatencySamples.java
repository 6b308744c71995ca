package ai.litellm.operator.bench;

import java.util.Arrays;

/** A growable array of nanosecond samples with nearest-rank percentiles; thread-safe, for benchmarks only. */
final class LatencySamples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** @param q in [0, 1]; 0 when empty */
    synchronized double percentileMs(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.min(size - 1, Math.max(0, rank))] / 1e6;
    }
}
