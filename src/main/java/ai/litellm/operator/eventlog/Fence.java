package ai.litellm.operator.eventlog;

/**
 * Until when a reconcile may still act on the outside world. The replica running it may lose the right to work on
 * its key (sharding, leader election) and another replica may start on the same key some time after that; the
 * reconcile's calls to a downstream must end by the fence, and a call the fence leaves no time for is not made. Set
 * by whatever admits the reconcile (the sharding gate); {@link #NONE} when nothing can take the key over.
 */
@FunctionalInterface
public interface Fence {

    /** Nanoseconds left until the fence: 0 or less once it passed, {@link Long#MAX_VALUE} when there is none. */
    long remainingNanos();

    /** No fence: a single replica that nobody takes over from. */
    Fence NONE = () -> Long.MAX_VALUE;
}
