package ai.litellm.operator.sharding;

import ai.litellm.operator.eventlog.Fence;
import java.time.Instant;
import java.util.Optional;

/**
 * The replica's right to work, in terms. The Lease code reports each renewal ({@link #renewedUntil}): the replica may
 * work until that deadline. A term is one uninterrupted stretch of that right; it ends when the replica is fenced
 * ({@link #end}) or when its deadline passes before the next renewal, and a later renewal starts a new term without
 * reviving the old one. Each reconcile carries the term it was admitted in as its {@link Fence}, so a reconcile
 * admitted before a fence makes no downstream call after it, even if the replica may work again by then. Before the
 * first renewal, and always without a Lease, there is no deadline. Thread-safe.
 */
final class WorkTerms {
  /** System.nanoTime() until which the last renewal lets this replica work; meaningful once {@link #bounded}. */
  private volatile long untilNanos;
  private volatile boolean bounded;
  private volatile Term current = new Term();

  /** A renewal succeeded: work until {@code nanos}; a term whose deadline had passed meanwhile is over. */
  synchronized void renewedUntil(long nanos) {
    if (bounded && System.nanoTime() - untilNanos >= 0) {
      end();
    }
    untilNanos = nanos;
    bounded = true;
  }

  /** Ends the current term now (a fence) and starts the next one. */
  synchronized void end() {
    current.ended = true;
    current = new Term();
  }

  /** The current term, to hand to a reconcile admitted now. */
  Fence current() {
    return current;
  }

  /** Whether the current term still lets the replica work. */
  boolean valid() {
    return current.remainingNanos() > 0;
  }

  Optional<Instant> until() {
    if (!bounded) {
      return Optional.empty();
    }
    return Optional.of(Instant.now().plusNanos(untilNanos - System.nanoTime()));
  }

  private final class Term implements Fence {
    private volatile boolean ended;

    @Override
    public long remainingNanos() {
      if (ended) {
        return 0;
      }
      return bounded ? untilNanos - System.nanoTime() : Long.MAX_VALUE;
    }
  }
}
