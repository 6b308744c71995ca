package ai.litellm.operator.eventlog;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One partition of a topic: a verticle that owns its keys on its own event-loop context and runs them as a chain,
 * intake → schedule → dispatch → complete. The {@link Inbox} takes events from any thread; the {@link KeyScheduler}
 * (key entries, ready and delay queues, running keys, offsets) decides what runs; {@link PartitionPermits} bounds the
 * reconciles by the topic's permits, and a reconcile that waits for a downstream gives its permit back meanwhile
 * ({@link PermitLease}; resuming keys are served before new ones); {@link DelayTimer} wakes it for delays;
 * {@link PartitionStats} publishes snapshots. See DESIGN.md for the guarantees.
 */
final class Partition<S> extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
    /** Events handled per turn of the event loop before yielding to completions and timers. */
    private static final int DRAIN_BATCH = 2048;
    /** Timers fire up to this early rather than re-arming for a sub-millisecond remainder. */
    private static final long TIMER_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int index;
    private final int partitions;
    private final String topic;
    private final KeyHandler<S> handler;
    private final EventLogMetrics metrics;
    private final KeyScheduler<S> scheduler;
    private final Inbox inbox = new Inbox();
    private final PartitionPermits permits;
    private final PartitionStats stats = new PartitionStats();
    private final Consumer<ResourceEvent> intake = this::intake;
    private final PartitionLeases leases;
    private DelayTimer timer;
    private Thread loopThread;
    private boolean stopping;
    private boolean pumping;
    /** Runs dispatched by this partition: run n of partition i is the topic's reconcile id n·partitions + i + 1. */
    private long runs;

    Partition(int index, TopicConfig cfg, KeyHandler<S> handler, EventLogMetrics metrics, TopicPermits topicPermits,
              StateFactory<S> newState) {
        this.index = index;
        this.partitions = cfg.partitions();
        this.topic = cfg.name();
        this.handler = handler;
        this.metrics = metrics;
        this.scheduler = new KeyScheduler<>(new KeyTable<>(newState), new Backoff(cfg.backoffBase(), cfg.backoffCap()),
                cfg.resyncPriority());
        this.permits = new PartitionPermits(topicPermits, this::onGrant);
        this.leases = new PartitionLeases(this::onContext, permits, this::pump, () -> stopping, topic);
    }

    @Override
    public Future<?> start() {
        loopThread = Thread.currentThread();
        timer = new DelayTimer(vertx, this::onTimer);
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        timer.disarm();
        return Future.succeededFuture();
    }

    // ------------------------------------------------------------------ entry points from any thread

    /** Called by the ingress for every event of this partition. Never blocks. */
    void offer(ResourceEvent e) {
        if (inbox.add(e)) {
            context.runOnContext(v -> drainInbox());
        }
    }

    /** A permit was handed to this partition (from any thread). */
    private void onGrant() {
        context.runOnContext(v -> {
            permits.granted();
            pump();
        });
    }

    /** Stop dispatching new work; running reconciles finish. */
    void beginStop() {
        context.runOnContext(v -> {
            stopping = true;
            leases.abandonAll();
            permits.returnHeld();
            publishStats();
        });
    }

    /** Drops the idle keys of a namespace now, its busy keys when they next become idle; completes with the count. */
    Future<Integer> forgetNamespace(String namespace) {
        Promise<Integer> dropped = Promise.promise();
        context.runOnContext(v -> {
            try {
                dropped.complete(scheduler.forgetNamespace(namespace));
                publishStats();
            } catch (RuntimeException e) {
                // a hand-off waits for this answer: a failure must reach it, never leave it waiting
                LOG.error("partition {} of {}: forgetting namespace {} failed", index, topic, namespace, e);
                dropped.tryFail(e);
            }
        });
        return dropped.future();
    }

    /** The key entries, for thread-safe state lookups. */
    KeyTable<S> keys() {
        return scheduler.keys();
    }

    PartitionStats stats() {
        return stats;
    }

    // ------------------------------------------------------------------ intake (on context)

    private void drainInbox() {
        if (inbox.drain(intake, DRAIN_BATCH)) {
            context.runOnContext(v -> drainInbox());
        }
        pump();
    }

    private void intake(ResourceEvent e) {
        metrics.eventAdded(topic);
        try {
            scheduler.accept(e, System.nanoTime());
        } catch (KeyTable.StateFactoryFailed failed) {
            LOG.error("topic {} partition {}: event {} of {} dropped", topic, index, e.type(), e.key(), failed);
        }
    }

    // ------------------------------------------------------------------ dispatch (on context)

    /** Dispatches ready keys while permits last; then publishes the stats. Never recurses. */
    private void pump() {
        if (pumping) {
            return; // a handler that completed synchronously: the outer loop picks up the next key (no recursion)
        }
        pumping = true;
        try {
            while (!stopping && (leases.hasResuming() || scheduler.hasReady()) && permits.take()) {
                if (!leases.resumeNext()) { // resuming runs go first
                    dispatch(System.nanoTime());
                }
            }
            if (stopping || (!leases.hasResuming() && !scheduler.hasReady())) {
                permits.returnHeld();
            }
        } finally {
            pumping = false;
        }
        publishStats();
    }

    private void dispatch(long now) {
        KeyEntry<S> k = scheduler.startNext(now);
        metrics.queueWait(topic, now - k.readySinceNanos);
        PermitLease lease = leases.lease();
        long reconcileId = runs++ * partitions + index + 1;
        ReconcileRequest<S> req = new ReconcileRequest<>(k.key, k.namespace, k.name, k.failures + 1, k.runFresh,
                k.latestGeneration, k.generationSeenAtMillis, k.state, lease, Fence.NONE, reconcileId);
        Future<ReconcileResult> f;
        try {
            f = handler.reconcile(req);
            if (f == null) {
                f = Future.failedFuture(new IllegalStateException("handler returned no future"));
            }
        } catch (Throwable t) {
            f = Future.failedFuture(t);
        }
        f.onComplete(ar -> {
            // Event-loop contexts run on one thread: on it, the confined state is safe to touch directly.
            if (Thread.currentThread() == loopThread) {
                complete(k, lease, ar);
            } else {
                context.runOnContext(v -> complete(k, lease, ar));
            }
        });
    }

    // ------------------------------------------------------------------ complete (on context)

    private void complete(KeyEntry<S> k, PermitLease lease, AsyncResult<ReconcileResult> ar) {
        long now = System.nanoTime();
        if (lease.finish()) {
            permits.release();
        }
        ReconcileResult r = ar.succeeded()
                ? (ar.result() != null ? ar.result() : ReconcileResult.done())
                : ReconcileResult.retry(ar.cause(), null);
        ReconcileOutcome outcome = scheduler.settle(k, r, now);
        if (outcome == ReconcileOutcome.ERROR) {
            metrics.retryScheduled(topic);
        }
        metrics.reconciled(topic, outcome, now - k.startedNanos);
        armTimer(now);
        pump();
    }

    // ------------------------------------------------------------------ delays (on context)

    private void onTimer() {
        long now = System.nanoTime();
        scheduler.expireDelays(now + TIMER_SLACK_NANOS, now);
        armTimer(now);
        pump();
    }

    private void armTimer(long now) {
        long due = scheduler.nextDueNanos();
        if (due == DelayQueue.NONE) {
            timer.disarm();
        } else {
            timer.arm(due, now);
        }
    }

    private void publishStats() {
        stats.publish(scheduler, leases.waiting());
    }

    /** Runs {@code task} on this partition's context, at once when already there. */
    private void onContext(Runnable task) {
        if (Thread.currentThread() == loopThread) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }
}
