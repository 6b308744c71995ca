package ai.litellm.operator.eventlog;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One partition of a topic: a verticle whose state (the per-key map, two ready queues, the delay queue and the offset
 * bookkeeping) is confined to its own event-loop context. Events arrive through a lock-free inbox drained in batches;
 * keys are dispatched to the handler with at most one reconcile per key in flight, bounded by the topic's permits.
 * See DESIGN.md for the guarantees.
 */
final class Partition extends VerticleBase implements TopicPermits.Waiter {

    /** Events handled per turn of the event loop before yielding to completions and timers. */
    private static final int DRAIN_BATCH = 2048;
    /** Timers fire up to this early rather than re-arming for a sub-millisecond remainder. */
    private static final long TIMER_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int index;
    private final TopicConfig cfg;
    private final KeyHandler handler;
    private final EventLogMetrics metrics;
    private final TopicPermits permits;
    private final Backoff backoff;

    // --- thread-safe entry points ---
    private final ConcurrentLinkedQueue<ResourceEvent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean waitingForPermit = new AtomicBoolean();

    // --- confined to the partition's context ---
    private Thread loopThread;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final ArrayDeque<KeyState> freshQueue = new ArrayDeque<>();
    private final ArrayDeque<KeyState> resyncQueue = new ArrayDeque<>();
    private int readyFresh;
    private int readyResync;
    private final PriorityQueue<DelayEntry> delayQueue = new PriorityQueue<>();
    private long delayTokens;
    private int delayedLive;
    private long timerId = -1;
    private long timerDueNanos;
    private final TreeMap<Long, KeyState> uncommitted = new TreeMap<>();
    private long logEnd;
    private final LinkedHashSet<KeyState> running = new LinkedHashSet<>();
    private long runningStartSum;
    private int heldPermits;
    private boolean stopping;
    private boolean pumping;

    // --- snapshots for other threads (gauges, stop) ---
    private volatile int statDepth;
    private volatile int statDelayed;
    private volatile int statInFlight;
    private volatile long statLogEnd;
    private volatile long statCommitted;
    private volatile long statOldestReadyNanos;
    private volatile long statRunningStartSum;
    private volatile long statOldestRunningNanos;

    private record DelayEntry(long dueNanos, long token, KeyState ks) implements Comparable<DelayEntry> {
        @Override
        public int compareTo(DelayEntry o) {
            return Long.compare(dueNanos, o.dueNanos);
        }
    }

    Partition(int index, TopicConfig cfg, KeyHandler handler, EventLogMetrics metrics, TopicPermits permits) {
        this.index = index;
        this.cfg = cfg;
        this.handler = handler;
        this.metrics = metrics;
        this.permits = permits;
        this.backoff = new Backoff(cfg.backoffBase(), cfg.backoffCap());
    }

    @Override
    public Future<?> start() {
        loopThread = Thread.currentThread();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        if (timerId != -1) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        return Future.succeededFuture();
    }

    // ------------------------------------------------------------------ entry points from any thread

    /** Called by the ingress for every event of this partition. Never blocks. */
    void offer(ResourceEvent e) {
        inbox.add(e);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drainInbox());
        }
    }

    /** Stop dispatching new work; running reconciles finish. */
    void beginStop() {
        context.runOnContext(v -> {
            stopping = true;
            returnHeldPermits();
            publishStats();
        });
    }

    @Override
    public AtomicBoolean waitingFlag() {
        return waitingForPermit;
    }

    @Override
    public void grant() {
        context.runOnContext(v -> {
            heldPermits++;
            pump();
            publishStats();
        });
    }

    // ------------------------------------------------------------------ event intake (on context)

    private void drainInbox() {
        ResourceEvent e;
        int n = 0;
        while (n < DRAIN_BATCH && (e = inbox.poll()) != null) {
            accept(e);
            n++;
        }
        if (!inbox.isEmpty()) {
            context.runOnContext(v -> drainInbox());
        } else {
            drainScheduled.set(false);
            // An offer between the last poll and the reset saw the flag set and did not schedule: re-check.
            if (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> drainInbox());
            }
        }
        pump();
        publishStats();
    }

    private void accept(ResourceEvent e) {
        long offset = logEnd++;
        metrics.eventAdded(cfg.name());
        String key = e.key();
        KeyState ks = keys.get(key);
        boolean known = ks != null;
        if (!known) {
            ks = new KeyState(key, e.namespace(), e.name());
            keys.put(key, ks);
        }
        boolean fresh = isFresh(e, ks, known);
        if (e.generation() > ks.latestGeneration) {
            ks.latestGeneration = e.generation();
        }
        if (e.type() == EventType.DELETED) {
            ks.deleted = true;
        } else if (e.type() != EventType.REQUEUE) {
            ks.deleted = false;
        }
        ks.lastOffset = offset;
        boolean willRun;
        if (ks.inFlight) {
            ks.dirty = true;
            ks.dirtyFresh |= fresh;
            if (ks.firstAfterDispatch < 0) {
                ks.firstAfterDispatch = offset;
            }
            willRun = true;
        } else {
            willRun = schedule(ks, fresh);
        }
        if (willRun && ks.firstUncommitted < 0) {
            ks.firstUncommitted = offset;
            uncommitted.put(offset, ks);
        }
    }

    /** A new object, a generation change or a deletion; everything else is low priority. */
    private static boolean isFresh(ResourceEvent e, KeyState ks, boolean known) {
        return switch (e.type()) {
            case ADDED, DELETED -> true;
            case UPDATED -> e.generation() <= 0 || !known || e.generation() > ks.latestGeneration;
            case RESYNC, REQUEUE -> false;
        };
    }

    /**
     * Makes an idle, queued, parked or delayed key ready (coalescing into an existing queue entry).
     *
     * @return false when the event is ignored because the key is parked by a permanent error
     */
    private boolean schedule(KeyState ks, boolean fresh) {
        if (ks.parkedGeneration >= 0) {
            if (!fresh) {
                return false;
            }
            ks.parkedGeneration = -1;
        }
        if (ks.delayToken != 0) {
            if (ks.delayIsRetry && !fresh) {
                return true; // honour the backoff; the retry reads the latest state anyway
            }
            cancelDelay(ks);
        }
        if (fresh) {
            ks.failures = 0;
        }
        if (ks.queued != KeyState.NOT_QUEUED) {
            if (fresh && ks.queued == KeyState.QUEUED_RESYNC && cfg.resyncPriority()) {
                // Promote: the stale entry left in the resync queue is skipped when it reaches the head.
                ks.queued = KeyState.QUEUED_FRESH;
                readyResync--;
                readyFresh++;
                freshQueue.add(ks);
                compactResyncQueueIfNeeded();
            }
            ks.pendingFresh |= fresh;
            return true;
        }
        makeReady(ks, fresh, System.nanoTime());
        return true;
    }

    private void makeReady(KeyState ks, boolean fresh, long now) {
        ks.pendingFresh = fresh;
        ks.readySinceNanos = now;
        if (fresh || !cfg.resyncPriority()) {
            ks.queued = KeyState.QUEUED_FRESH;
            freshQueue.add(ks);
            readyFresh++;
        } else {
            ks.queued = KeyState.QUEUED_RESYNC;
            resyncQueue.add(ks);
            readyResync++;
        }
    }

    private void compactResyncQueueIfNeeded() {
        if (resyncQueue.size() > 2 * readyResync + 1024) {
            resyncQueue.removeIf(k -> k.queued != KeyState.QUEUED_RESYNC);
        }
    }

    // ------------------------------------------------------------------ dispatch (on context)

    private void pump() {
        if (pumping) {
            return; // a handler that completed synchronously: the outer loop picks up the next key (no recursion)
        }
        pumping = true;
        try {
            dispatchReady();
        } finally {
            pumping = false;
        }
    }

    private void dispatchReady() {
        while (!stopping && readyFresh + readyResync > 0) {
            if (heldPermits > 0) {
                heldPermits--;
            } else if (!permits.tryAcquire()) {
                permits.await(this);
                break;
            }
            dispatch(pollReady());
        }
        if (heldPermits > 0 && (stopping || readyFresh + readyResync == 0)) {
            returnHeldPermits();
        }
    }

    private void returnHeldPermits() {
        while (heldPermits > 0) {
            heldPermits--;
            permits.release();
        }
    }

    private KeyState pollReady() {
        if (readyFresh > 0) {
            KeyState ks;
            while ((ks = freshQueue.poll()) != null) {
                if (ks.queued == KeyState.QUEUED_FRESH) {
                    readyFresh--;
                    return ks;
                }
            }
        }
        KeyState ks;
        while ((ks = resyncQueue.poll()) != null) {
            if (ks.queued == KeyState.QUEUED_RESYNC) {
                readyResync--;
                return ks;
            }
        }
        throw new IllegalStateException("ready counters out of sync: fresh=" + readyFresh + " resync=" + readyResync);
    }

    private void dispatch(KeyState ks) {
        long now = System.nanoTime();
        ks.queued = KeyState.NOT_QUEUED;
        ks.inFlight = true;
        ks.startedNanos = now;
        ks.dispatchedOffset = ks.lastOffset;
        ks.firstAfterDispatch = -1;
        ks.dispatchedGeneration = ks.latestGeneration;
        boolean fresh = ks.pendingFresh;
        ks.pendingFresh = false;
        ks.retryFresh = fresh;
        running.add(ks);
        runningStartSum += now;
        metrics.queueWait(cfg.name(), now - ks.readySinceNanos);

        ReconcileRequest req = new ReconcileRequest(ks.key, ks.namespace, ks.name, ks.failures + 1, fresh,
                ks.latestGeneration);
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
                complete(ks, ar);
            } else {
                context.runOnContext(v -> complete(ks, ar));
            }
        });
    }

    private void complete(KeyState ks, AsyncResult<ReconcileResult> ar) {
        long now = System.nanoTime();
        running.remove(ks);
        runningStartSum -= ks.startedNanos;
        ks.inFlight = false;
        permits.release();

        ReconcileResult r = ar.succeeded()
                ? (ar.result() != null ? ar.result() : ReconcileResult.done())
                : ReconcileResult.retry(ar.cause(), null);
        boolean dirty = ks.dirty;
        boolean dirtyFresh = ks.dirtyFresh;
        ks.dirty = false;
        ks.dirtyFresh = false;
        ReconcileOutcome outcome;
        switch (r.kind()) {
            case DONE, REQUEUE_AFTER -> {
                outcome = r.kind() == ReconcileResult.Kind.DONE ? ReconcileOutcome.SUCCESS
                        : ReconcileOutcome.REQUEUE_AFTER;
                ks.failures = 0;
                commitThroughDispatch(ks);
                if (dirty) {
                    schedule(ks, dirtyFresh); // at most one more run, whatever number of events came in
                } else if (r.kind() == ReconcileResult.Kind.REQUEUE_AFTER) {
                    scheduleDelay(ks, r.delay().toNanos(), false, now);
                } else if (ks.deleted && ks.isIdle() && ks.firstUncommitted < 0) {
                    keys.remove(ks.key); // forget deleted objects: bounded memory under churn
                }
            }
            case RETRY -> {
                outcome = ReconcileOutcome.ERROR;
                ks.failures = Math.min(ks.failures + 1, 1_000);
                long delay = r.delay() != null ? r.delay().toNanos() : backoff.delayNanos(ks.failures);
                scheduleDelay(ks, delay, true, now);
                metrics.retryScheduled(cfg.name());
                if (dirty && dirtyFresh) {
                    schedule(ks, true); // a new generation resets the backoff and runs now
                }
            }
            case PERMANENT -> {
                outcome = ReconcileOutcome.PERMANENT_ERROR;
                ks.failures = 0;
                ks.parkedGeneration = ks.dispatchedGeneration;
                commitThroughDispatch(ks);
                if (dirty && dirtyFresh) {
                    schedule(ks, true); // the spec changed while we were failing: unpark
                } else if (dirty) {
                    commitAll(ks); // ignored while parked
                }
            }
            default -> throw new IllegalStateException("unknown result " + r.kind());
        }
        metrics.reconciled(cfg.name(), outcome, now - ks.startedNanos);
        pump();
        publishStats();
    }

    // ------------------------------------------------------------------ offsets (on context)

    /** The reconcile settled every event it covered; events that arrived while it ran stay uncommitted. */
    private void commitThroughDispatch(KeyState ks) {
        if (ks.firstAfterDispatch >= 0) {
            if (ks.firstUncommitted != ks.firstAfterDispatch) {
                if (ks.firstUncommitted >= 0) {
                    uncommitted.remove(ks.firstUncommitted);
                }
                ks.firstUncommitted = ks.firstAfterDispatch;
                uncommitted.put(ks.firstUncommitted, ks);
            }
        } else {
            commitAll(ks);
        }
        ks.firstAfterDispatch = -1;
    }

    private void commitAll(KeyState ks) {
        if (ks.firstUncommitted >= 0) {
            uncommitted.remove(ks.firstUncommitted);
            ks.firstUncommitted = -1;
        }
        ks.firstAfterDispatch = -1;
    }

    // ------------------------------------------------------------------ delays: one timer per partition (on context)

    private void scheduleDelay(KeyState ks, long delayNanos, boolean retry, long now) {
        if (ks.delayToken != 0) {
            cancelDelay(ks);
        }
        long token = ++delayTokens;
        ks.delayToken = token;
        ks.delayIsRetry = retry;
        delayedLive++;
        delayQueue.add(new DelayEntry(now + delayNanos, token, ks));
        armTimer(now);
    }

    private void cancelDelay(KeyState ks) {
        ks.delayToken = 0;
        delayedLive--;
        if (delayQueue.size() > 2 * delayedLive + 1024) {
            delayQueue.removeIf(d -> d.ks.delayToken != d.token);
        }
    }

    private void armTimer(long now) {
        DelayEntry head;
        while ((head = delayQueue.peek()) != null && head.ks.delayToken != head.token) {
            delayQueue.poll();
        }
        if (head == null) {
            if (timerId != -1) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            return;
        }
        if (timerId != -1) {
            if (timerDueNanos <= head.dueNanos) {
                return; // fires early enough; it re-arms for the rest
            }
            vertx.cancelTimer(timerId);
        }
        timerDueNanos = head.dueNanos;
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(head.dueNanos - now + 999_999));
        timerId = vertx.setTimer(delayMs, id -> onTimer());
    }

    private void onTimer() {
        timerId = -1;
        long now = System.nanoTime();
        DelayEntry head;
        while ((head = delayQueue.peek()) != null && head.dueNanos <= now + TIMER_SLACK_NANOS) {
            delayQueue.poll();
            KeyState ks = head.ks;
            if (ks.delayToken != head.token) {
                continue;
            }
            ks.delayToken = 0;
            delayedLive--;
            makeReady(ks, ks.delayIsRetry && ks.retryFresh, now);
        }
        armTimer(now);
        pump();
        publishStats();
    }

    // ------------------------------------------------------------------ stats

    private void publishStats() {
        statDepth = readyFresh + readyResync;
        statDelayed = delayedLive;
        statInFlight = running.size();
        statCommitted = uncommitted.isEmpty() ? logEnd : uncommitted.firstKey();
        statLogEnd = logEnd;
        statOldestReadyNanos = computeOldestReadyNanos();
        statRunningStartSum = runningStartSum;
        statOldestRunningNanos = running.isEmpty() ? 0 : running.iterator().next().startedNanos;
    }

    /** Ready-since of the queue heads (promoted keys may be older than the fresh head; close enough for a gauge). */
    private long computeOldestReadyNanos() {
        long oldest = 0;
        KeyState f = liveHead(freshQueue, KeyState.QUEUED_FRESH);
        if (f != null) {
            oldest = f.readySinceNanos;
        }
        KeyState r = liveHead(resyncQueue, KeyState.QUEUED_RESYNC);
        if (r != null && (oldest == 0 || r.readySinceNanos < oldest)) {
            oldest = r.readySinceNanos;
        }
        return oldest;
    }

    private static KeyState liveHead(ArrayDeque<KeyState> q, byte marker) {
        KeyState ks;
        while ((ks = q.peek()) != null && ks.queued != marker) {
            q.poll();
        }
        return ks;
    }

    int index() {
        return index;
    }

    int depth() {
        return statDepth;
    }

    int delayed() {
        return statDelayed;
    }

    int inFlight() {
        return statInFlight;
    }

    long lag() {
        return Math.max(0, statLogEnd - statCommitted);
    }

    long logEndOffset() {
        return statLogEnd;
    }

    long committedOffset() {
        return statCommitted;
    }

    long oldestReadyNanos() {
        return statOldestReadyNanos;
    }

    long runningStartSum() {
        return statRunningStartSum;
    }

    long oldestRunningNanos() {
        return statOldestRunningNanos;
    }
}
