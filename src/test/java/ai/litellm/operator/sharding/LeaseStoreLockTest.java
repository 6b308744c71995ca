package ai.litellm.operator.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The leader Lease in a LeaseStore: fabric8's record round trip, compare-and-set, and renewals reported as deadlines. */
class LeaseStoreLockTest {
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  private final MemoryLeases store = new MemoryLeases();
  private final List<Long> deadlines = new CopyOnWriteArrayList<>();
  private final LeaseStoreLock lock = new LeaseStoreLock(store, "leader", "me", RENEW_DEADLINE, deadlines::add);

  private static LeaderElectionRecord record(String holder, int transitions) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return new LeaderElectionRecord(holder, Duration.ofSeconds(15), now, now, transitions);
  }

  @Test
  void aRenewalInOurNameReportsItsStartPlusTheRenewDeadline() {
    long before = System.nanoTime();
    assertNull(lock.get(null));
    lock.create(null, record("me", 0));
    long after = System.nanoTime();
    assertEquals(1, deadlines.size());
    long deadline = deadlines.get(0);
    assertTrue(deadline >= before + RENEW_DEADLINE.toNanos() && deadline <= after + RENEW_DEADLINE.toNanos());

    LeaderElectionRecord read = lock.get(null);
    assertEquals("me", read.getHolderIdentity());
    assertEquals(Duration.ofSeconds(15), read.getLeaseDuration());
    lock.update(null, record("me", read.getLeaderTransitions()));
    assertEquals(2, deadlines.size());
    assertTrue(deadlines.get(1) > deadline, "the next renewal moves the deadline on");
  }

  @Test
  void anUpdateOnAStaleReadFailsAsFabric8ExpectsAndReportsNothing() {
    lock.get(null);
    lock.create(null, record("me", 0));
    lock.get(null);
    Lease theirs = store.get("leader"); // someone else writes between our read and our update
    theirs.getSpec().setHolderIdentity("other");
    store.update(theirs);
    KubernetesClientException e = assertThrows(KubernetesClientException.class,
        () -> lock.update(null, record("me", 0)));
    assertTrue(e.getMessage().contains("leader"), e.getMessage());
    assertEquals(1, deadlines.size(), "only the create was ours");
    assertEquals("other", lock.get(null).getHolderIdentity());
  }

  @Test
  void releasingOrWritingAnotherHolderIsNoRenewal() {
    lock.get(null);
    lock.create(null, record("me", 0));
    lock.get(null);
    lock.update(null, record(null, 0)); // fabric8's release
    assertNull(lock.get(null).getHolderIdentity());
    assertEquals(1, deadlines.size());
  }

  /** Leases in memory, compare-and-set on a resourceVersion counter like the API server. */
  private static final class MemoryLeases implements LeaseStore {
    private final Map<String, Lease> leases = new HashMap<>();
    private int version;

    @Override
    public synchronized Lease get(String name) {
      Lease l = leases.get(name);
      return l == null ? null : copy(l);
    }

    @Override
    public synchronized List<Lease> list(Map<String, String> labels) {
      return leases.values().stream().map(MemoryLeases::copy).toList();
    }

    @Override
    public synchronized Lease create(Lease lease) {
      String name = lease.getMetadata().getName();
      if (leases.containsKey(name)) {
        throw new LeaseConflictException("lease " + name + " exists", null);
      }
      return store(lease);
    }

    @Override
    public synchronized Lease update(Lease lease) {
      String name = lease.getMetadata().getName();
      Lease current = leases.get(name);
      if (current == null
          || !current.getMetadata().getResourceVersion().equals(lease.getMetadata().getResourceVersion())) {
        throw new LeaseConflictException("lease " + name + " changed concurrently", null);
      }
      return store(lease);
    }

    @Override
    public synchronized void delete(String name) {
      leases.remove(name);
    }

    private Lease store(Lease lease) {
      Lease stored = copy(lease);
      stored.setMetadata(new ObjectMetaBuilder(lease.getMetadata()).withResourceVersion(String.valueOf(++version))
          .build());
      leases.put(stored.getMetadata().getName(), stored);
      return copy(stored);
    }

    private static Lease copy(Lease l) {
      return new LeaseBuilder(l).build();
    }
  }
}
