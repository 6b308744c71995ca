package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The claim Lease of each namespace: the single object whose compare-and-set update decides who may reconcile it.
 * Blocking; runs on the sharding bridge. A claim is not renewed (that would cost one write per namespace every few
 * seconds): it stays valid while its holder's member Lease does, and is handed on by writing an empty holder.
 */
final class NamespaceClaims {
  private final LeaseStore store;
  private final String ring;
  private final String identity;
  private final Duration leaseDuration;

  NamespaceClaims(LeaseStore store, String ring, String identity, Duration leaseDuration) {
    this.store = store;
    this.ring = ring;
    this.identity = identity;
    this.leaseDuration = leaseDuration;
  }

  Lease read(String namespace) {
    return store.get(ShardLeases.claimName(ring, namespace));
  }

  /**
   * Makes this replica the holder, on top of exactly the version {@code seen} (null: the claim did not exist). Even
   * when we already hold it the write happens: it is what orders us against a replica that concurrently takes it over.
   *
   * @throws LeaseStore.LeaseConflictException when someone else wrote first
   */
  Lease take(String namespace, Lease seen) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    if (seen == null) {
      return store.create(ShardLeases.newClaim(ring, namespace, identity, leaseDuration, now));
    }
    Lease next = copy(seen);
    if (!identity.equals(ShardLeases.holder(seen))) {
      next.getSpec().setAcquireTime(now);
      next.getSpec().setLeaseTransitions(Objects.requireNonNullElse(seen.getSpec().getLeaseTransitions(), 0) + 1);
    }
    next.getSpec().setHolderIdentity(identity);
    next.getSpec().setRenewTime(now);
    return store.update(next);
  }

  /** Writes an empty holder if we still hold the claim; true when it is no longer ours either way. */
  boolean release(String namespace) {
    Lease l = read(namespace);
    if (l == null || !identity.equals(ShardLeases.holder(l))) {
      return true;
    }
    Lease next = copy(l);
    next.getSpec().setHolderIdentity("");
    next.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
    store.update(next);
    return true;
  }

  /** Namespaces whose claim names this replica (to release leftovers of an earlier run with the same identity). */
  List<String> heldByUs() {
    return store.list(ShardLeases.claimLabels(ring)).stream()
        .filter(l -> identity.equals(ShardLeases.holder(l)))
        .map(l -> l.getMetadata().getAnnotations() == null ? null
            : l.getMetadata().getAnnotations().get(ShardLeases.NAMESPACE_ANNOTATION))
        .filter(Objects::nonNull).toList();
  }

  private static Lease copy(Lease l) {
    Lease c = new Lease();
    c.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(l.getMetadata()).build());
    c.setSpec(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder(l.getSpec()).build());
    return c;
  }
}
