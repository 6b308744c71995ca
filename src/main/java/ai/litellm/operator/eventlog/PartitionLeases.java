package ai.litellm.operator.eventlog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A partition's runs that wait for a downstream without their permit ({@link PermitLease}): the ones waiting, and the
 * ones whose wait ended and that need a permit to go on (served before new keys). Confined to the partition's context
 * except {@link #onContext}, which hops there.
 */
final class PartitionLeases implements PermitLease.Owner {

    private final Consumer<Runnable> context;
    private final PartitionPermits permits;
    private final Runnable pump;
    private final BooleanSupplier stopping;
    private final String topic;
    /** Runs that gave their permit back while they wait (or wait for a permit again). */
    private final LinkedHashSet<PermitLease> waiting = new LinkedHashSet<>();
    /** Runs whose wait ended, waiting for a permit to continue. */
    private final ArrayDeque<PermitLease> resuming = new ArrayDeque<>();

    /**
     * @param context  runs a task on the partition's context (at once when already there)
     * @param pump     the partition's dispatch loop
     * @param stopping whether the partition stops
     */
    PartitionLeases(Consumer<Runnable> context, PartitionPermits permits, Runnable pump, BooleanSupplier stopping,
                    String topic) {
        this.context = context;
        this.permits = permits;
        this.pump = pump;
        this.stopping = stopping;
        this.topic = topic;
    }

    /** A lease for a run that starts now, holding a permit. */
    PermitLease lease() {
        return new PermitLease(this);
    }

    @Override
    public void onContext(Runnable task) {
        context.accept(task);
    }

    @Override
    public void waiting(PermitLease lease, boolean now) {
        if (!now) {
            waiting.remove(lease);
            return;
        }
        waiting.add(lease);
        permits.release(); // to the longest-waiting partition, or to this one's next ready key
        pump.run();
    }

    @Override
    public void resumeWhenPermitted(PermitLease lease) {
        if (lease.finished()) {
            lease.resume(); // it needs no permit any more
        } else if (stopping.getAsBoolean()) {
            lease.abandon(stoppingError());
        } else {
            resuming.add(lease);
            pump.run();
        }
    }

    boolean hasResuming() {
        return !resuming.isEmpty();
    }

    /** Hands a permit the partition took to the longest-resuming run; false when there is none. */
    boolean resumeNext() {
        PermitLease r = resuming.poll();
        if (r == null) {
            return false;
        }
        if (!r.resume()) {
            permits.release();
        }
        return true;
    }

    /** The partition stops: every waiting run ends now rather than when its downstream answers. */
    void abandonAll() {
        resuming.clear();
        for (PermitLease lease : new ArrayList<>(waiting)) {
            lease.abandon(stoppingError());
        }
    }

    int waiting() {
        return waiting.size();
    }

    private IllegalStateException stoppingError() {
        return new IllegalStateException("topic " + topic + " is stopping");
    }
}
