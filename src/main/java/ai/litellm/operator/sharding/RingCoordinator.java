package ai.litellm.operator.sharding;

import ai.litellm.operator.kube.BlockingBridge;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ring mode: every replica renews its member Lease, lists the ring's members, hashes namespaces onto the live ones, and
 * moves namespaces in and out through their claim Leases. Every step runs on one Vert.x context (no locks); Lease
 * calls run on the bridge's control lane, so a bridge busy with reconciles never delays a renewal.
 *
 * <pre>
 *   acquire ns:  claim CAS (holder: absent | empty | us | expired member) → gate.open → watch (informers)
 *   release ns:  gate.close → drain in-flight reconciles → unwatch → claim holder := ""
 *   fence:       renew deadline passed without a successful renewal → gate fenced (no reconcile starts, running
 *                ones make no further LiteLLM call, calls in flight end by the deadline), drain, unwatch everything
 * </pre>
 * See DESIGN.md for why two replicas never reconcile one namespace at once.
 */
public final class RingCoordinator implements ShardingMode {
  private static final Logger LOG = LoggerFactory.getLogger(RingCoordinator.class);
  /** Claims held under our name but not in use are looked for this often (in ticks): leftovers of a restart. */
  private static final int SWEEP_EVERY_TICKS = 10;

  private final Vertx vertx;
  private final Context context;
  private final ShardingSettings s;
  private final BlockingBridge bridge;
  private final MemberLease member;
  private final NamespaceClaims claims;
  private final LeaseStore store;
  private final NamespaceGate gate;
  private final NamespaceWorkers workers;
  private final NamespaceSource source;
  private final ShardMetrics metrics;
  private final Membership membership;

  // --- confined to `context` ---
  private final Set<String> owned = new HashSet<>();
  private final Set<String> busy = new HashSet<>();
  private final Set<String> unreleased = new HashSet<>();
  private final java.util.Map<String, Future<Void>> unwatching = new java.util.HashMap<>();
  private HashRing ring = new HashRing(Set.of(), 1);
  private boolean fenced = true;
  private boolean stopping;
  private long validUntilNanos;
  private long fenceTimer = -1;
  private long tickTimer = -1;
  private long ticks;

  public RingCoordinator(Vertx vertx, BlockingBridge bridge, ShardingSettings settings, LeaseStore store,
      NamespaceGate gate, NamespaceWorkers workers, NamespaceSource source, ShardMetrics metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.s = settings;
    this.store = store;
    this.bridge = bridge;
    this.member = new MemberLease(store, settings.ring(), settings.identity(), settings.leaseDuration());
    this.claims = new NamespaceClaims(store, settings.ring(), settings.identity(), settings.leaseDuration());
    this.gate = gate;
    this.workers = workers;
    this.source = source;
    this.metrics = metrics;
    this.membership = new Membership(settings.leaseDuration(), System::nanoTime);
  }

  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> bridge.<Void>call(() -> {
      source.start(() -> context.runOnContext(x -> evaluate()));
      return null;
    }).compose(x -> bridge.callControl(claims::heldByUs)).onComplete(ar -> {
      if (ar.succeeded()) {
        unreleased.addAll(ar.result()); // an earlier run under our name: released unless the ring gives them back
      }
      tick();
      started.complete();
    }));
    return started.future();
  }

  // ------------------------------------------------------------------ membership (on context)

  private void tick() {
    tickTimer = -1;
    if (stopping) {
      return;
    }
    long attempt = System.nanoTime();
    bridge.<Void>callControl(() -> {
      member.renew();
      return null;
    }).onSuccess(v -> renewed(attempt)).onFailure(e -> {
      metrics.renewFailed("member");
      LOG.warn("{}: member lease renewal failed: {}", s.identity(), e.toString());
    }).transform(ar -> bridge.callControl(() -> store.list(ShardLeases.memberLabels(s.ring()))))
        .onSuccess(leases -> {
          membership.observe(leases);
          updateRing();
        })
        .onFailure(e -> LOG.debug("{}: cannot list members: {}", s.identity(), e.toString()))
        .transform(ar -> sweepIfDue())
        .onComplete(ar -> {
          evaluate();
          if (!stopping) {
            // Fixed rate from the renewal's start: a slow list must not stretch the time between renewals.
            long waitMs = s.retryPeriod().toMillis() - (System.nanoTime() - attempt) / 1_000_000;
            tickTimer = vertx.setTimer(Math.max(1, waitMs), id -> tick());
          }
        });
  }

  /** A renewal that started at {@code attemptNanos} succeeded: we may work until attempt + renewDeadline. */
  private void renewed(long attemptNanos) {
    validUntilNanos = attemptNanos + s.renewDeadline().toNanos();
    gate.renewedUntil(validUntilNanos); // before activating: the gate never lets work through without a deadline
    if (fenced && !stopping) {
      fenced = false;
      gate.setActive(true);
      metrics.leader(true);
      LOG.info("{}: member lease held; joining ring {}", s.identity(), s.ring());
    }
    armFenceTimer();
  }

  /**
   * Fences at validUntil unless a renewal moved it. The timer is re-armed when it fires early (milliseconds are
   * rounded down, and a timer may fire before its deadline): a fence that is skipped once would never happen.
   */
  private void armFenceTimer() {
    if (fenceTimer >= 0) {
      vertx.cancelTimer(fenceTimer);
    }
    long ms = Math.max(1, (validUntilNanos - System.nanoTime() + 999_999) / 1_000_000);
    fenceTimer = vertx.setTimer(ms, id -> {
      fenceTimer = -1;
      if (fenced || stopping) {
        return;
      }
      if (System.nanoTime() - validUntilNanos >= 0) {
        fence();
      } else {
        armFenceTimer();
      }
    });
  }

  private void updateRing() {
    Set<String> members = new TreeSet<>(membership.live());
    members.remove(s.identity());
    if (!fenced) {
      members.add(s.identity());
    }
    if (!members.equals(ring.members())) {
      LOG.info("{}: ring members {} -> {}", s.identity(), ring.members(), members);
      ring = new HashRing(members, s.virtualNodes());
      metrics.ringChanged();
    }
    metrics.members(members.size());
  }

  private Future<Void> sweepIfDue() {
    if (ticks++ % SWEEP_EVERY_TICKS != 0 || ticks == 1) {
      return Future.succeededFuture();
    }
    return bridge.callControl(claims::heldByUs).map(held -> {
      for (String ns : held) {
        if (!owned.contains(ns) && !busy.contains(ns)) {
          unreleased.add(ns);
        }
      }
      return null;
    });
  }

  /**
   * The renew deadline passed without a successful renewal (partition, API server down, lease stolen): stop all work
   * now, before the others' view of our lease expires and they take our namespaces.
   */
  private void fence() {
    LOG.warn("{}: could not renew the member lease within {}; stopping all work", s.identity(), s.renewDeadline());
    fenced = true;
    gate.fence(); // running reconciles make no further LiteLLM call; calls in flight end by validUntil
    metrics.leader(false);
    updateRing();
    Set<String> was = Set.copyOf(owned);
    gate.closeAll(s.drainTimeout());
    for (String ns : was) {
      // Informers stop now; a later watch of the same namespace waits for this (see start).
      unwatching.put(ns, workers.unwatch(ns).recover(e -> Future.succeededFuture()));
      metrics.handoff("released", "fenced");
    }
    unreleased.addAll(was); // the claims still name us; released (or re-taken) once we can write again
    owned.clear();
    metrics.namespacesOwned(0);
  }

  // ------------------------------------------------------------------ assignment (on context)

  private void evaluate() {
    if (fenced || stopping || ring.isEmpty()) {
      return;
    }
    Set<String> all = source.namespaces();
    for (String ns : new ArrayList<>(owned)) {
      if (busy.contains(ns)) {
        continue;
      }
      if (!all.contains(ns) || !s.identity().equals(ring.ownerOf(ns))) {
        release(ns);
      } else if (!gate.isOpen(ns)) {
        gate.open(ns); // an earlier release failed to drain and the ring gave it back
      }
    }
    for (String ns : all) {
      if (busy.size() >= s.maxParallelHandoffs()) {
        break;
      }
      if (!owned.contains(ns) && !busy.contains(ns) && s.identity().equals(ring.ownerOf(ns))) {
        acquire(ns);
      }
    }
    for (String ns : new ArrayList<>(unreleased)) {
      if (!busy.contains(ns) && !owned.contains(ns) && !s.identity().equals(ring.ownerOf(ns))) {
        releaseClaim(ns);
      }
    }
    metrics.namespacesOwned(owned.size());
  }

  private void acquire(String ns) {
    busy.add(ns);
    bridge.callControl(() -> claims.read(ns))
        .compose(claim -> {
          String holder = ShardLeases.holder(claim);
          if (claim == null || holder.isEmpty() || holder.equals(s.identity())) {
            String reason = claim == null ? "new" : holder.isEmpty() ? "handoff" : "reclaim";
            return bridge.callControl(() -> claims.take(ns, claim)).map(reason);
          }
          // Held by another replica: only once its member lease has expired here, read fresh right now.
          return bridge.callControl(() -> store.get(ShardLeases.memberName(s.ring(), holder))).compose(lease -> {
            membership.observe(holder, lease);
            if (!membership.expired(holder)) {
              return Future.succeededFuture((String) null);
            }
            LOG.info("{}: taking namespace {} over from {} (member lease expired)", s.identity(), ns, holder);
            return bridge.callControl(() -> claims.take(ns, claim)).map("takeover");
          });
        })
        .onComplete(ar -> {
          busy.remove(ns);
          if (ar.failed()) {
            LOG.debug("{}: claim of {} not taken: {}", s.identity(), ns, ar.cause().toString());
            return;
          }
          String reason = ar.result();
          if (reason == null) {
            return; // still held by a live replica; retried on the next tick
          }
          unreleased.remove(ns);
          if (fenced || stopping || System.nanoTime() - validUntilNanos >= 0
              || !s.identity().equals(ring.ownerOf(ns))) {
            unreleased.add(ns); // we hold the claim but may not use it now
            return;
          }
          start(ns, reason);
        });
  }

  private void start(String ns, String reason) {
    owned.add(ns);
    busy.add(ns);
    gate.open(ns);
    metrics.namespacesOwned(owned.size());
    if (!"new".equals(reason) && !"reclaim".equals(reason)) {
      metrics.handoff("acquired", reason);
    }
    LOG.info("{}: reconciling namespace {} ({})", s.identity(), ns, reason);
    Future<Void> previous = unwatching.getOrDefault(ns, Future.succeededFuture());
    previous.compose(v -> workers.watch(ns)).onComplete(ar -> {
      unwatching.remove(ns);
      busy.remove(ns);
      if (ar.failed()) {
        LOG.warn("{}: cannot watch namespace {}: {}", s.identity(), ns, ar.cause().toString());
        gate.close(ns);
        workers.unwatch(ns);
        owned.remove(ns);
        unreleased.add(ns);
      }
      evaluate();
    });
  }

  private Future<Void> release(String ns) {
    busy.add(ns);
    gate.close(ns);
    // Stopping a namespace's informers and forgetting its keys is bounded like the drain: a step that never answers
    // postpones the release (retried at the next evaluation) instead of holding the ring, or a stop, for ever.
    return gate.drained(ns, s.drainTimeout())
        .compose(v -> workers.unwatch(ns).timeout(s.drainTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .onSuccess(v -> {
          owned.remove(ns);
          unreleased.add(ns);
          metrics.handoff("released", "handoff");
          metrics.namespacesOwned(owned.size());
          LOG.info("{}: released namespace {}", s.identity(), ns);
        })
        .onComplete(ar -> {
          busy.remove(ns);
          if (ar.failed()) {
            LOG.warn("{}: release of {} postponed: {}", s.identity(), ns, ar.cause().toString());
          }
        })
        .compose(v -> releaseClaim(ns));
  }

  private Future<Void> releaseClaim(String ns) {
    busy.add(ns);
    return bridge.callControl(() -> claims.release(ns)).<Void>mapEmpty()
        .onSuccess(v -> unreleased.remove(ns))
        .onFailure(e -> LOG.debug("{}: claim of {} not released yet: {}", s.identity(), ns, e.toString()))
        .onComplete(ar -> busy.remove(ns));
  }

  // ------------------------------------------------------------------ stop

  @Override
  public Future<Void> stop(Duration maxWait) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopping = true;
      cancelTimers();
      awaitIdle(System.nanoTime() + maxWait.toNanos() / 2).compose(x -> {
        List<Future<Void>> releases = new ArrayList<>();
        for (String ns : new ArrayList<>(owned)) {
          releases.add(release(ns));
        }
        return Future.join(releases).transform(ar -> {
          List<Future<Void>> claimsLeft = new ArrayList<>();
          for (String ns : new ArrayList<>(unreleased)) {
            claimsLeft.add(releaseClaim(ns));
          }
          return Future.join(claimsLeft);
        });
      }).transform(ar -> bridge.<Void>callControl(() -> {
        member.delete();
        return null;
      })).onComplete(ar -> {
        gate.fence(); // the member Lease is gone (or renewals stopped): nothing may run any more
        metrics.leader(false);
        source.stop();
        if (ar.failed()) {
          LOG.warn("{}: unclean leave: {}", s.identity(), ar.cause().toString());
        }
        done.complete();
      });
    });
    return done.future();
  }

  /** Lets running acquisitions finish so their claims are released too. */
  private Future<Void> awaitIdle(long deadlineNanos) {
    if (busy.isEmpty() || System.nanoTime() - deadlineNanos >= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(20, id -> awaitIdle(deadlineNanos).onComplete(p));
    return p.future();
  }

  @Override
  public void abandon() {
    context.runOnContext(v -> {
      stopping = true;
      cancelTimers();
      gate.fence();
      source.stop();
    });
  }

  private void cancelTimers() {
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
      tickTimer = -1;
    }
    if (fenceTimer >= 0) {
      vertx.cancelTimer(fenceTimer);
      fenceTimer = -1;
    }
  }

  // ------------------------------------------------------------------ views for tests and metrics

  /** Namespaces this replica reconciles now (a snapshot taken on the coordinator's context). */
  public Future<Set<String>> owned() {
    Promise<Set<String>> p = Promise.promise();
    context.runOnContext(v -> p.complete(Set.copyOf(owned)));
    return p.future();
  }

  public Future<Set<String>> members() {
    Promise<Set<String>> p = Promise.promise();
    context.runOnContext(v -> p.complete(ring.members()));
    return p.future();
  }
}
