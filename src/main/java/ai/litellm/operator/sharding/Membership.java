package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Which replicas are alive, judged the way client-go judges a leader lease: by when <em>this</em> replica last saw the
 * lease change, on its own monotonic clock, never by the renewTime written with another machine's clock. A member is
 * live until {@code leaseDuration} passed since its lease last changed here. Because a change is only seen after the
 * holder sent it, "expired here" implies "the holder's own renew deadline passed", which is what the fencing argument
 * in DESIGN.md rests on. Confined to the coordinator's context.
 */
final class Membership {
  private record Seen(String resourceVersion, long atNanos) {}

  private final Duration leaseDuration;
  private final LongSupplier nanoClock;
  private final Map<String, Seen> seen = new HashMap<>();
  private Set<String> present = Set.of();

  Membership(Duration leaseDuration, LongSupplier nanoClock) {
    this.leaseDuration = leaseDuration;
    this.nanoClock = nanoClock;
  }

  /** Records a fresh list of the ring's member leases. */
  void observe(List<Lease> leases) {
    Set<String> now = new TreeSet<>();
    for (Lease l : leases) {
      String holder = ShardLeases.holder(l);
      if (!holder.isEmpty()) {
        observe(holder, l);
        now.add(holder);
      }
    }
    present = now;
    forgetLongGone();
  }

  /** Records a fresh read of one member's lease (null: it has none). */
  void observe(String identity, Lease lease) {
    long t = nanoClock.getAsLong();
    if (lease == null) {
      seen.putIfAbsent(identity, new Seen("", t)); // never seen alive: give it a full lease duration from now
      return;
    }
    String rv = lease.getMetadata().getResourceVersion();
    Seen prev = seen.get(identity);
    if (prev == null || !prev.resourceVersion().equals(rv)) {
      seen.put(identity, new Seen(rv, t));
    }
  }

  /** Live members with a lease in the last list. */
  Set<String> live() {
    Set<String> out = new TreeSet<>();
    for (String id : present) {
      if (!expired(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** True once {@code leaseDuration} passed, on this replica's clock, since the member's lease last changed. */
  boolean expired(String identity) {
    Seen s = seen.get(identity);
    return s != null && nanoClock.getAsLong() - s.atNanos() > leaseDuration.toNanos();
  }

  /**
   * Forgets members without a lease that have been silent for ten lease durations (pod names change on every rollout;
   * this keeps the map bounded while still remembering a crashed holder long enough to take its claims over).
   */
  void forgetLongGone() {
    long horizon = nanoClock.getAsLong() - 10 * leaseDuration.toNanos();
    seen.entrySet().removeIf(e -> !present.contains(e.getKey()) && e.getValue().atNanos() - horizon < 0);
  }
}
