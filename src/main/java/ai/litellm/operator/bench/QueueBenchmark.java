package ai.litellm.operator.bench;

import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.eventlog.EventLogMetrics;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileResult;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.eventlog.TopicConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes {@code keys} resync events (an initial list) through one topic and, while that flood is queued, injects fresh
 * changes (new objects) to measure how fast they overtake it. Blocks the calling thread: call it from a CLI or test
 * thread, never from an event loop.
 */
public final class QueueBenchmark {

    /** Fresh changes injected while publishing the flood, spread evenly through it. */
    private static final int FRESH_DURING_PUBLISH = 200;
    /** Further fresh changes injected while the flood drains, one every {@link #INJECT_INTERVAL_MS}. */
    private static final int FRESH_DURING_DRAIN_MAX = 300;
    private static final long INJECT_INTERVAL_MS = 5;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    public record Options(int keys, int partitions, int concurrency, int handlerDelayMs) {
        public Options {
            if (keys < 1 || partitions < 1 || concurrency < 1 || handlerDelayMs < 0) {
                throw new IllegalArgumentException("keys, partitions, concurrency >= 1 and handler delay >= 0");
            }
        }
    }

    private QueueBenchmark() {
    }

    public static QueueBenchmarkResult run(Options o) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            return runOn(vertx, o);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }

    private static QueueBenchmarkResult runOn(Vertx vertx, Options o) throws Exception {
        LatencySamples queueWait = new LatencySamples();
        LatencySamples freshLatency = new LatencySamples();
        Map<String, Long> freshPublishedAt = new ConcurrentHashMap<>();
        AtomicLong started = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        AtomicLong lastFinishNanos = new AtomicLong();

        KeyHandler<Void> handler = req -> {
            started.incrementAndGet();
            if (req.freshChange()) {
                Long at = freshPublishedAt.remove(req.key());
                if (at != null) {
                    freshLatency.add(System.nanoTime() - at);
                }
            }
            if (o.handlerDelayMs() == 0) {
                markFinished(finished, lastFinishNanos);
                return Future.succeededFuture(ReconcileResult.done());
            }
            Promise<ReconcileResult> p = Promise.promise();
            vertx.setTimer(o.handlerDelayMs(), t -> {
                markFinished(finished, lastFinishNanos);
                p.complete(ReconcileResult.done());
            });
            return p.future();
        };
        EventLogMetrics metrics = new EventLogMetrics() {
            @Override
            public void queueWait(String topic, long nanos) {
                queueWait.add(nanos);
            }
        };
        // The bench handler never fails: the backoff is never used.
        TopicConfig cfg = TopicConfig.of("bench", o.partitions(), o.concurrency(), Duration.ofMillis(100),
                Duration.ofSeconds(10));
        EventLog<Void> log = EventLog.deploy(vertx, cfg, handler, metrics).toCompletionStage().toCompletableFuture()
                .get(1, TimeUnit.MINUTES);

        long t0 = System.nanoTime();
        long events = 0;
        int fresh = 0;
        int freshEvery = Math.max(1, o.keys() / FRESH_DURING_PUBLISH);
        for (int i = 0; i < o.keys(); i++) {
            log.publish(new ResourceEvent("Model", "bench", "m" + i, null, "1", 1, EventType.RESYNC,
                    System.currentTimeMillis()));
            events++;
            if (i % freshEvery == freshEvery - 1) {
                publishFresh(log, fresh++, freshPublishedAt);
                events++;
            }
        }
        // Keep injecting while most of the flood is still queued: the case the priority queue exists for.
        for (int j = 0; j < FRESH_DURING_DRAIN_MAX && finished.get() < o.keys() * 0.9; j++) {
            publishFresh(log, fresh++, freshPublishedAt);
            events++;
            Thread.sleep(INJECT_INTERVAL_MS);
        }
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (finished.get() < events) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + finished.get() + " of " + events + " reconciles finished");
            }
            Thread.sleep(2);
        }
        double seconds = (lastFinishNanos.get() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        log.stop(Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        if (started.get() != events) {
            throw new IllegalStateException("expected one reconcile per key, got " + started.get() + " for " + events);
        }
        return new QueueBenchmarkResult(o.handlerDelayMs() == 0 ? "noop" : "async-delay", o.keys(), o.partitions(),
                o.concurrency(), o.handlerDelayMs(), events, seconds, events / seconds,
                queueWait.percentileMs(0.50), queueWait.percentileMs(0.99), fresh,
                freshLatency.percentileMs(0.50), freshLatency.percentileMs(0.99), freshLatency.percentileMs(1.0),
                heapMb);
    }

    private static void publishFresh(EventLog<?> log, int j, Map<String, Long> publishedAt) {
        String name = "fresh-" + j;
        publishedAt.put("bench/" + name, System.nanoTime());
        log.publish(new ResourceEvent("Model", "bench", name, null, "1", 1, EventType.ADDED,
                System.currentTimeMillis()));
    }

    private static void markFinished(AtomicLong finished, AtomicLong lastFinishNanos) {
        lastFinishNanos.accumulateAndGet(System.nanoTime(), Math::max);
        finished.incrementAndGet();
    }
}
