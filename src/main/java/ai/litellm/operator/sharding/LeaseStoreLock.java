package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The leader Lease for fabric8's {@code LeaderElector}, kept in a {@link LeaseStore} (as ring mode's Leases are, so a
 * test can cut a replica off), that reports every renewal in our name: the replica may work until the start of that
 * renewal attempt plus the renew deadline ({@code renewedUntil}, on the {@link System#nanoTime()} scale).
 *
 * <p>Why that is safe: fabric8 takes the renew time it writes just before its first Lease read of an attempt, and
 * another candidate takes over only once that renew time is {@code leaseDuration} old (fabric8's rule, on the
 * candidates' clocks: the usual leader-election assumption of clocks that agree to well under the margin). So the
 * deadline reported here passes {@code leaseDuration − renewDeadline} before anyone may lead — whatever fabric8's own
 * loop does meanwhile: it notices a lost Lease only at its next retry, after the last successful call plus the renew
 * deadline.
 *
 * <p>fabric8 calls {@link #get} and then {@link #create} or {@link #update} in one synchronized attempt; the update is a
 * compare-and-set on the version that get read. Conflicts and store failures surface as
 * {@link KubernetesClientException}, which fabric8's loops catch and retry.
 */
final class LeaseStoreLock implements Lock {
  private final LeaseStore store;
  private final String name;
  private final String identity;
  private final Duration renewDeadline;
  private final LongConsumer renewedUntil;
  private long attemptNanos;
  private Lease lastRead;

  LeaseStoreLock(LeaseStore store, String name, String identity, Duration renewDeadline, LongConsumer renewedUntil) {
    this.store = store;
    this.name = name;
    this.identity = identity;
    this.renewDeadline = renewDeadline;
    this.renewedUntil = renewedUntil;
  }

  @Override
  public synchronized LeaderElectionRecord get(KubernetesClient unused) {
    attemptNanos = System.nanoTime();
    Lease lease = store.get(name);
    lastRead = lease;
    if (lease == null || lease.getSpec() == null) {
      return null;
    }
    LeaseSpec s = lease.getSpec();
    return new LeaderElectionRecord(s.getHolderIdentity(),
        Duration.ofSeconds(s.getLeaseDurationSeconds() == null ? 0 : s.getLeaseDurationSeconds()), s.getAcquireTime(),
        s.getRenewTime(), s.getLeaseTransitions() == null ? 0 : s.getLeaseTransitions());
  }

  @Override
  public synchronized void create(KubernetesClient unused, LeaderElectionRecord record) {
    Lease lease = new Lease();
    lease.setMetadata(new ObjectMetaBuilder().withName(name).build());
    lease.setSpec(spec(record));
    lastRead = write(() -> store.create(lease));
    reportIfOurs(record);
  }

  @Override
  public synchronized void update(KubernetesClient unused, LeaderElectionRecord record) {
    if (lastRead == null) {
      throw new KubernetesClientException("lease " + name + " was not read before its update");
    }
    Lease next = new Lease();
    next.setMetadata(new ObjectMetaBuilder(lastRead.getMetadata()).build()); // its resourceVersion: compare-and-set
    next.setSpec(spec(record));
    lastRead = write(() -> store.update(next));
    reportIfOurs(record);
  }

  private void reportIfOurs(LeaderElectionRecord record) {
    if (identity.equals(record.getHolderIdentity())) {
      renewedUntil.accept(attemptNanos + renewDeadline.toNanos());
    }
  }

  private static LeaseSpec spec(LeaderElectionRecord record) {
    LeaseSpec spec = new LeaseSpec();
    spec.setHolderIdentity(record.getHolderIdentity());
    spec.setLeaseDurationSeconds((int) Math.max(1, record.getLeaseDuration().toSeconds()));
    spec.setAcquireTime(record.getAcquireTime());
    spec.setRenewTime(record.getRenewTime());
    spec.setLeaseTransitions(record.getLeaderTransitions());
    return spec;
  }

  private Lease write(Supplier<Lease> op) {
    try {
      return op.get();
    } catch (LeaseStore.LeaseConflictException e) {
      throw new KubernetesClientException(e.getMessage(), e);
    }
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public String describe() {
    return "Lease " + name + " (" + identity + ")";
  }
}
