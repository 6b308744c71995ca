package ai.litellm.operator.eventlog;

/** The topic-wide {@link TopicStats}, summed over the partitions' published snapshots. Thread-safe. */
final class TopicStatsView implements TopicStats {

    private final TopicConfig cfg;
    private final PartitionStats[] partitions;

    TopicStatsView(TopicConfig cfg, PartitionStats[] partitions) {
        this.cfg = cfg;
        this.partitions = partitions;
    }

    @Override
    public String topic() {
        return cfg.name();
    }

    @Override
    public int partitions() {
        return partitions.length;
    }

    @Override
    public int maxConcurrency() {
        return cfg.maxConcurrency();
    }

    @Override
    public long depth() {
        long d = 0;
        for (PartitionStats p : partitions) {
            d += p.depth();
        }
        return d;
    }

    @Override
    public long delayed() {
        long d = 0;
        for (PartitionStats p : partitions) {
            d += p.delayed();
        }
        return d;
    }

    @Override
    public int inFlight() {
        int n = 0;
        for (PartitionStats p : partitions) {
            n += p.inFlight();
        }
        return n;
    }

    @Override
    public int waitingDownstream() {
        int n = 0;
        for (PartitionStats p : partitions) {
            n += p.waitingDownstream();
        }
        return n;
    }

    @Override
    public long lag(int partition) {
        return partitions[partition].lag();
    }

    long logEndOffset(int partition) {
        return partitions[partition].logEndOffset();
    }

    long committedOffset(int partition) {
        return partitions[partition].committedOffset();
    }

    @Override
    public double oldestItemAgeSeconds() {
        long now = System.nanoTime();
        long oldestAge = 0;
        for (PartitionStats p : partitions) {
            long since = p.oldestReadyNanos();
            if (since != 0) {
                oldestAge = Math.max(oldestAge, now - since);
            }
        }
        return oldestAge / 1e9;
    }

    @Override
    public double unfinishedWorkSeconds() {
        long now = System.nanoTime();
        long total = 0;
        for (PartitionStats p : partitions) {
            int n = p.inFlight();
            if (n > 0) {
                total += Math.max(0, n * now - p.runningStartSum());
            }
        }
        return total / 1e9;
    }

    @Override
    public double longestRunningSeconds() {
        long now = System.nanoTime();
        long longest = 0;
        for (PartitionStats p : partitions) {
            long since = p.oldestRunningNanos();
            if (since != 0) {
                longest = Math.max(longest, now - since);
            }
        }
        return longest / 1e9;
    }
}
