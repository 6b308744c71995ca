package ai.litellm.operator.eventlog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A topic of the event log: partitioned, key-ordered, coalescing, prioritised, with per-key backoff. Producers call
 * {@link #publish}; the log calls the {@link KeyHandler} with at most one reconcile per key in flight. See DESIGN.md.
 */
public final class EventLog implements TopicStats {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final long STOP_POLL_MS = 10;

    private final Vertx vertx;
    private final TopicConfig cfg;
    private final EventLogMetrics metrics;
    private final TopicPermits permits;
    private final Partition[] partitions;
    private final List<String> deploymentIds = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private String ingressDeploymentId;

    private EventLog(Vertx vertx, TopicConfig cfg, KeyHandler handler, EventLogMetrics metrics) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.metrics = metrics;
        this.permits = new TopicPermits(cfg.maxConcurrency());
        this.partitions = new Partition[cfg.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Partition(i, cfg, handler, metrics, permits);
        }
    }

    /**
     * Deploys the partitions (one event-loop context each, spread over the event loops) and the ingress consumer.
     * Call from outside an event loop or from one; it does not block.
     */
    public static Future<EventLog> deploy(Vertx vertx, TopicConfig cfg, KeyHandler handler, EventLogMetrics metrics) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(handler, "handler");
        EventLog log = new EventLog(vertx, cfg, handler, metrics != null ? metrics : EventLogMetrics.noop());
        ResourceEventCodec.registerOn(vertx);
        List<Future<String>> deployments = new ArrayList<>();
        for (Partition p : log.partitions) {
            deployments.add(vertx.deployVerticle(p));
        }
        return Future.all(deployments)
                .compose(all -> {
                    for (Future<String> f : deployments) {
                        log.deploymentIds.add(f.result());
                    }
                    return vertx.deployVerticle(new Ingress(cfg.inboundAddress(), log.partitions));
                })
                .map(id -> {
                    log.ingressDeploymentId = id;
                    log.metrics.topicStarted(log);
                    return log;
                });
    }

    /**
     * Publishes an event on {@code eventlog.<topic>.in}. Thread-safe and non-blocking: informer threads call it
     * directly. Events published after {@link #stop} are dropped (a restart rebuilds the log from the initial list).
     */
    public void publish(ResourceEvent e) {
        Objects.requireNonNull(e, "event");
        vertx.eventBus().send(cfg.inboundAddress(), e);
    }

    /**
     * A producer for a topic that is not deployed yet (informers are built before the log that consumes them): it
     * sends to the topic's event-bus address, so it needs no reference to the log.
     */
    public static Consumer<ResourceEvent> publisher(Vertx vertx, TopicConfig cfg) {
        ResourceEventCodec.registerOn(vertx);
        String address = cfg.inboundAddress();
        return e -> vertx.eventBus().send(address, Objects.requireNonNull(e, "event"));
    }

    /**
     * Stops intake, lets running reconciles finish (waiting at most {@code maxWait}), then undeploys. Queued and delayed
     * keys are dropped: handlers are idempotent and a restart's initial list reconciles every object again. Fails
     * with a {@link TimeoutException} when reconciles were still running at the deadline.
     */
    public Future<Void> stop(Duration maxWait) {
        if (!stopped.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("topic " + cfg.name() + " already stopped"));
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        Promise<Void> drained = Promise.promise();
        vertx.undeploy(ingressDeploymentId).onComplete(ar -> {
            for (Partition p : partitions) {
                p.beginStop();
            }
            vertx.setPeriodic(1, STOP_POLL_MS, timer -> {
                if (inFlight() == 0 || System.nanoTime() - deadline >= 0) {
                    vertx.cancelTimer(timer);
                    drained.complete();
                }
            });
        });
        return drained.future().compose(v -> {
            int abandoned = inFlight();
            List<Future<Void>> undeploys = new ArrayList<>();
            for (String id : deploymentIds) {
                undeploys.add(vertx.undeploy(id));
            }
            metrics.topicStopped(cfg.name());
            return Future.join(undeploys).transform(ar -> {
                if (abandoned > 0) {
                    LOG.warn("topic {}: {} reconciles still running after {}", cfg.name(), abandoned, maxWait);
                    return Future.failedFuture(new TimeoutException(
                            abandoned + " reconciles of topic " + cfg.name() + " still running after " + maxWait));
                }
                return Future.succeededFuture();
            });
        });
    }

    public TopicConfig config() {
        return cfg;
    }

    /** The partition a key belongs to. */
    public int partitionOf(String key) {
        return Partitioner.partition(key, partitions.length);
    }

    /** Log end offset of one partition (number of events it has accepted). */
    public long logEndOffset(int partition) {
        return partitions[partition].logEndOffset();
    }

    /** Committed offset of one partition: every event below it reached a terminal outcome. */
    public long committedOffset(int partition) {
        return partitions[partition].committedOffset();
    }

    // ------------------------------------------------------------------ TopicStats

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
        for (Partition p : partitions) {
            d += p.depth();
        }
        return d;
    }

    @Override
    public long delayed() {
        long d = 0;
        for (Partition p : partitions) {
            d += p.delayed();
        }
        return d;
    }

    @Override
    public int inFlight() {
        int n = 0;
        for (Partition p : partitions) {
            n += p.inFlight();
        }
        return n;
    }

    @Override
    public long lag(int partition) {
        return partitions[partition].lag();
    }

    @Override
    public double oldestItemAgeSeconds() {
        long now = System.nanoTime();
        long oldestAge = 0;
        for (Partition p : partitions) {
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
        for (Partition p : partitions) {
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
        for (Partition p : partitions) {
            long since = p.oldestRunningNanos();
            if (since != 0) {
                longest = Math.max(longest, now - since);
            }
        }
        return longest / 1e9;
    }
}
