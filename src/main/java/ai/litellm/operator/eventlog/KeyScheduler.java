package ai.litellm.operator.eventlog;

/**
 * The per-key state machine of one partition, in plain Java (no Vert.x): it compacts events into key entries, decides
 * when and with which priority each key runs, and settles the outcome of each run (backoff, requeue, park, commit,
 * forget). The {@link Partition} drives it: {@link #accept} → {@link #startNext} → {@link #settle}, and
 * {@link #expireDelays} when its timer fires. Confined to the partition's context.
 */
final class KeyScheduler<S> {

    private final KeyTable<S> keys;
    private final Backoff backoff;
    private final ReadyQueues<S> ready;
    private final DelayQueue<S> delays = new DelayQueue<>();
    private final RunningKeys<S> running = new RunningKeys<>();
    private final Offsets<S> offsets = new Offsets<>();

    KeyScheduler(KeyTable<S> keys, Backoff backoff, boolean resyncPriority) {
        this.keys = keys;
        this.backoff = backoff;
        this.ready = new ReadyQueues<>(resyncPriority);
    }

    // ------------------------------------------------------------------ intake

    /**
     * Compacts one event into its key's entry (creating the entry, with the controller's state, for a new key) and
     * schedules the key. The event gets the next offset unless the state factory fails (then nothing changes).
     */
    void accept(ResourceEvent e, long nowNanos) {
        String key = e.key();
        KeyEntry<S> k = keys.get(key);
        boolean known = k != null;
        if (!known) {
            k = keys.create(key, e.namespace(), e.name());
        }
        long offset = offsets.append();
        boolean fresh = isFresh(e, k, known);
        if (e.generation() > k.latestGeneration) {
            k.latestGeneration = e.generation();
            k.generationSeenAtMillis = e.timeMillis();
        }
        if (e.type() == EventType.DELETED) {
            k.deleted = true;
        } else if (e.type() != EventType.REQUEUE) {
            k.deleted = false;
        }
        boolean willRun;
        if (k.inFlight) {
            RunningKeys.markDirty(k, fresh);
            offsets.arrivedDuringRun(k, offset);
            willRun = true;
        } else {
            willRun = schedule(k, fresh, nowNanos);
        }
        if (willRun) {
            offsets.hold(k, offset);
        }
    }

    /** A new object, a generation change or a deletion; everything else is low priority. */
    private static boolean isFresh(ResourceEvent e, KeyEntry<?> k, boolean known) {
        return switch (e.type()) {
            case ADDED, DELETED -> true;
            case UPDATED -> e.generation() <= 0 || !known || e.generation() > k.latestGeneration;
            case RESYNC, REQUEUE -> false;
        };
    }

    /**
     * Makes an idle, queued, parked or delayed key ready (coalescing into an existing queue entry).
     *
     * @return false when the event is ignored because the key is parked by a permanent error
     */
    private boolean schedule(KeyEntry<S> k, boolean fresh, long nowNanos) {
        if (k.parkedGeneration >= 0) {
            if (!fresh) {
                return false;
            }
            k.parkedGeneration = -1;
        }
        if (DelayQueue.isDelayed(k)) {
            if (k.delayIsRetry && !fresh) {
                return true; // honour the backoff; the retry reads the latest state anyway
            }
            delays.cancel(k);
        }
        if (fresh) {
            k.failures = 0;
        }
        if (k.queued != KeyEntry.NOT_QUEUED) {
            ready.coalesce(k, fresh);
        } else {
            ready.add(k, fresh, nowNanos);
        }
        return true;
    }

    // ------------------------------------------------------------------ dispatch

    boolean hasReady() {
        return ready.size() > 0;
    }

    /** Takes the next ready key and marks it running; the caller then calls the handler. */
    KeyEntry<S> startNext(long nowNanos) {
        KeyEntry<S> k = ready.poll();
        running.start(k, nowNanos);
        offsets.runStarted(k);
        k.dispatchedGeneration = k.latestGeneration;
        k.runFresh = k.pendingFresh;
        k.pendingFresh = false;
        return k;
    }

    // ------------------------------------------------------------------ completion

    /** Settles a finished run: commit, re-run, delay, park or forget the key. */
    ReconcileOutcome settle(KeyEntry<S> k, ReconcileResult r, long nowNanos) {
        boolean dirty = k.dirty;
        boolean dirtyFresh = k.dirtyFresh;
        running.finish(k);
        ReconcileOutcome outcome;
        switch (r.kind()) {
            case DONE, REQUEUE_AFTER -> {
                outcome = r.kind() == ReconcileResult.Kind.DONE ? ReconcileOutcome.SUCCESS
                        : ReconcileOutcome.REQUEUE_AFTER;
                k.failures = 0;
                offsets.commitThroughRun(k);
                if (dirty) {
                    schedule(k, dirtyFresh, nowNanos); // at most one more run, whatever number of events came in
                } else if (r.kind() == ReconcileResult.Kind.REQUEUE_AFTER) {
                    delays.add(k, nowNanos + saturatedNanos(r.delay()), false);
                } else if (k.deleted && k.isIdle() && k.firstUncommitted < 0) {
                    keys.forget(k); // forget deleted objects: bounded memory under churn
                }
            }
            case RETRY -> {
                outcome = ReconcileOutcome.ERROR;
                k.failures = Math.min(k.failures + 1, 1_000);
                long delay = r.delay() != null ? backoff.capped(r.delay()) : backoff.delayNanos(k.failures);
                delays.add(k, nowNanos + delay, true);
                if (dirty && dirtyFresh) {
                    schedule(k, true, nowNanos); // a new generation resets the backoff and runs now
                }
            }
            case DEFERRED -> {
                // Like a retry (the work is not done: the commit waits), but not a failure: the backoff is unchanged.
                outcome = ReconcileOutcome.DEFERRED;
                delays.add(k, nowNanos + backoff.cappedDeferral(r.delay()), true);
                if (dirty && dirtyFresh) {
                    schedule(k, true, nowNanos);
                }
            }
            case PERMANENT -> {
                outcome = ReconcileOutcome.PERMANENT_ERROR;
                k.failures = 0;
                k.parkedGeneration = k.dispatchedGeneration;
                offsets.commitThroughRun(k);
                if (r.delay() != null) {
                    delays.add(k, nowNanos + saturatedNanos(r.delay()), false); // the slow re-check; unparks when due
                }
                if (dirty && dirtyFresh) {
                    schedule(k, true, nowNanos); // the spec changed while we were failing: unpark
                } else if (dirty) {
                    offsets.commitAll(k); // ignored while parked
                }
            }
            default -> throw new IllegalStateException("unknown result " + r.kind());
        }
        if (k.forgetWhenIdle && k.isIdle()) {
            forget(k);
        }
        return outcome;
    }

    /** A requeue delay in nanoseconds, saturated far below overflow of {@code now + delay} (~73 years). */
    private static long saturatedNanos(java.time.Duration d) {
        long max = Long.MAX_VALUE / 4;
        return d.compareTo(java.time.Duration.ofNanos(max)) >= 0 ? max : d.toNanos();
    }

    // ------------------------------------------------------------------ delays

    /**
     * Makes every key whose delay is due at {@code upToNanos} ready; a retry keeps the priority of its failed run. A
     * parked key's re-check unparks it (low priority).
     */
    void expireDelays(long upToNanos, long nowNanos) {
        KeyEntry<S> k;
        while ((k = delays.pollDue(upToNanos)) != null) {
            k.parkedGeneration = -1;
            ready.add(k, k.delayIsRetry && k.runFresh, nowNanos);
        }
    }

    /** Due time of the earliest delay, or {@link DelayQueue#NONE}. */
    long nextDueNanos() {
        return delays.nextDueNanos();
    }

    // ------------------------------------------------------------------ forgetting

    /**
     * Drops the entries of every idle key of {@code namespace} now and marks its busy keys to be dropped when they next
     * become idle. Events that arrive later create fresh entries.
     *
     * @return the number of entries dropped now
     */
    int forgetNamespace(String namespace) {
        int dropped = 0;
        for (KeyEntry<S> k : keys.entries()) {
            if (!k.namespace.equals(namespace)) {
                continue;
            }
            if (isParkedAwaitingRecheck(k)) {
                delays.cancel(k); // a parked key is as good as idle: its slow re-check is dropped with it
            }
            if (k.isIdle()) {
                forget(k);
                dropped++;
            } else {
                k.forgetWhenIdle = true;
            }
        }
        return dropped;
    }

    private static boolean isParkedAwaitingRecheck(KeyEntry<?> k) {
        return k.parkedGeneration >= 0 && !k.inFlight && k.queued == KeyEntry.NOT_QUEUED && DelayQueue.isDelayed(k);
    }

    private void forget(KeyEntry<S> k) {
        offsets.commitAll(k); // a dropped key must not hold the commit back
        keys.forget(k);
    }

    // ------------------------------------------------------------------ pieces, for statistics

    ReadyQueues<S> ready() {
        return ready;
    }

    DelayQueue<S> delays() {
        return delays;
    }

    RunningKeys<S> running() {
        return running;
    }

    Offsets<S> offsets() {
        return offsets;
    }

    KeyTable<S> keys() {
        return keys;
    }
}
