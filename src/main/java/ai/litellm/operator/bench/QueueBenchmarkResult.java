package ai.litellm.operator.bench;

import java.util.Locale;

/**
 * Figures of one {@code bench queue} run.
 *
 * @param handler          "noop" or "async-delay"
 * @param events           events published (resync flood + fresh changes)
 * @param freshChanges     fresh changes injected while the resync flood was queued
 * @param freshChangeP99Ms latency from publishing a fresh change to its reconcile starting, p99
 */
public record QueueBenchmarkResult(String handler, int keys, int partitions, int concurrency, int handlerDelayMs,
                                   long events, double seconds, double eventsPerSecond, double queueWaitP50Ms,
                                   double queueWaitP99Ms, int freshChanges, double freshChangeP50Ms,
                                   double freshChangeP99Ms, double freshChangeMaxMs, long heapUsedMb) {

    /** One flat JSON object (snake_case keys). */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"handler\":\"%s\",\"keys\":%d,\"partitions\":%d,\"concurrency\":%d,\"handler_delay_ms\":%d,"
                        + "\"events\":%d,\"seconds\":%.3f,\"events_per_second\":%.0f,\"queue_wait_p50_ms\":%.3f,"
                        + "\"queue_wait_p99_ms\":%.3f,\"fresh_changes\":%d,\"fresh_change_p50_ms\":%.3f,"
                        + "\"fresh_change_p99_ms\":%.3f,\"fresh_change_max_ms\":%.3f,\"heap_used_mb\":%d}",
                handler, keys, partitions, concurrency, handlerDelayMs, events, seconds, eventsPerSecond,
                queueWaitP50Ms, queueWaitP99Ms, freshChanges, freshChangeP50Ms, freshChangeP99Ms, freshChangeMaxMs,
                heapUsedMb);
    }
}
