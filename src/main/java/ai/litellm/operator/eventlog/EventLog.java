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
import java.util.function.BiConsumer;

/**
 * A topic of the event log: partitioned, key-ordered, coalescing, prioritised, with per-key backoff. Producers call
 * {@link #publish}; the log calls the {@link KeyHandler} with at most one reconcile per key in flight, handing it the
 * key's state {@code S}, which the log creates when it first sees the key and forgets with it. See DESIGN.md.
 */
public final class EventLog<S> implements TopicStats.Forwarding, KeyStates<S> {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final long STOP_POLL_MS = 10;

    private final Vertx vertx;
    private final TopicConfig cfg;
    private final EventLogMetrics metrics;
    private final Partition<S>[] partitions;
    private final TopicStatsView stats;
    private final List<String> deploymentIds = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private String ingressDeploymentId;

    @SuppressWarnings("unchecked")
    private EventLog(Vertx vertx, TopicConfig cfg, KeyHandler<S> handler, EventLogMetrics metrics,
                     StateFactory<S> newState) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.metrics = metrics;
        TopicPermits permits = new TopicPermits(cfg.maxConcurrency());
        this.partitions = (Partition<S>[]) new Partition<?>[cfg.partitions()];
        PartitionStats[] partitionStats = new PartitionStats[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Partition<>(i, cfg, handler, metrics, permits, newState);
            partitionStats[i] = partitions[i].stats();
        }
        this.stats = new TopicStatsView(cfg, partitionStats);
    }

    /** Deploys a topic whose keys carry no state ({@link ReconcileRequest#state()} is null). */
    public static <S> Future<EventLog<S>> deploy(Vertx vertx, TopicConfig cfg, KeyHandler<S> handler,
                                                 EventLogMetrics metrics) {
        return deploy(vertx, cfg, handler, metrics, null);
    }

    /**
     * Deploys the partitions (one event-loop context each, spread over the event loops) and the ingress consumer.
     * Call from outside an event loop or from one; it does not block.
     *
     * @param newState builds the state of a key when the log first sees it; null for none
     */
    public static <S> Future<EventLog<S>> deploy(Vertx vertx, TopicConfig cfg, KeyHandler<S> handler,
                                                 EventLogMetrics metrics, StateFactory<S> newState) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(handler, "handler");
        EventLog<S> log = new EventLog<>(vertx, cfg, handler, metrics != null ? metrics : EventLogMetrics.noop(),
                newState);
        ResourceEventCodec.registerOn(vertx);
        List<Future<String>> deployments = new ArrayList<>();
        for (Partition<S> p : log.partitions) {
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

    // ------------------------------------------------------------------ per-key state

    /** The state of a known key, or null (unknown key, or a log without state). Any thread; lock-free. */
    @Override
    public S state(String key) {
        return partitions[partitionOf(key)].keys().state(key);
    }

    /** Keys the log knows now (each with its queue record and state): bounded by the objects watched. */
    public int knownKeys() {
        int n = 0;
        for (Partition<S> p : partitions) {
            n += p.keys().size();
        }
        return n;
    }

    /** Calls {@code action} for every known key that has a state. Any thread; weakly consistent, like a live view. */
    @Override
    public void forEachState(BiConsumer<String, ? super S> action) {
        for (Partition<S> p : partitions) {
            p.keys().forEachState(action);
        }
    }

    /**
     * Forgets the keys of a namespace this replica stopped watching (their objects leave the informer cache without
     * delete events): idle keys are dropped now, with their state; a queued, running or delayed key when it next
     * becomes idle. Events that arrive for the namespace later create fresh entries.
     *
     * @return how many keys were dropped now (0 once the log is stopped: it forgets everything)
     */
    public Future<Integer> forgetNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (stopped.get()) {
            return Future.succeededFuture(0);
        }
        List<Future<Integer>> dropped = new ArrayList<>(partitions.length);
        for (Partition<S> p : partitions) {
            dropped.add(p.forgetNamespace(namespace));
        }
        return Future.all(dropped).map(all -> {
            int n = 0;
            for (Future<Integer> f : dropped) {
                n += f.result();
            }
            return n;
        });
    }

    // ------------------------------------------------------------------ lifecycle

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
            for (Partition<S> p : partitions) {
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

    // ------------------------------------------------------------------ offsets and statistics

    public TopicConfig config() {
        return cfg;
    }

    /** The partition a key belongs to. */
    public int partitionOf(String key) {
        return Partitioner.partition(key, partitions.length);
    }

    /** Log end offset of one partition (number of events it has accepted). */
    public long logEndOffset(int partition) {
        return stats.logEndOffset(partition);
    }

    /** Committed offset of one partition: every event below it reached a terminal outcome. */
    public long committedOffset(int partition) {
        return stats.committedOffset(partition);
    }

    /** Depth, lag, in-flight and ages of this topic, summed over its partitions (the TopicStats methods forward here). */
    @Override
    public TopicStats stats() {
        return stats;
    }
}
