package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * This replica's member Lease: created on first renewal, renewed by compare-and-set (one write per retry period),
 * deleted on a clean stop so the others rebalance at once instead of after expiry. Blocking; runs on the sharding
 * bridge.
 */
final class MemberLease {
  private final LeaseStore store;
  private final String ring;
  private final String identity;
  private final Duration leaseDuration;

  MemberLease(LeaseStore store, String ring, String identity, Duration leaseDuration) {
    this.store = store;
    this.ring = ring;
    this.identity = identity;
    this.leaseDuration = leaseDuration;
  }

  void renew() {
    String name = ShardLeases.memberName(ring, identity);
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Lease current = store.get(name);
    if (current == null) {
      store.create(ShardLeases.newMember(ring, identity, leaseDuration, now));
      return;
    }
    current.getSpec().setHolderIdentity(identity);
    current.getSpec().setRenewTime(now);
    current.getSpec().setLeaseDurationSeconds((int) Math.max(1, leaseDuration.toSeconds()));
    store.update(current);
  }

  void delete() {
    store.delete(ShardLeases.memberName(ring, identity));
  }
}
