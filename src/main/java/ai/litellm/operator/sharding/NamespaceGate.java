package ai.litellm.operator.sharding;

import ai.litellm.operator.eventlog.Fence;
import ai.litellm.operator.eventlog.KeyHandler;
import ai.litellm.operator.eventlog.ReconcileResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which namespaces this replica may reconcile right now, and counts the reconciles running per namespace so a
 * namespace can be drained before it is handed over.
 *
 * <p>Every controller's {@link KeyHandler} is wrapped by {@link #guard}: a key of a closed namespace is answered "done"
 * without running (its events are dropped; whoever opens the namespace later replays or re-lists it). The check is
 * made after the in-flight counter is raised, so {@link #close} followed by {@link #drained} never misses a reconcile
 * that slipped past the check (the counter and the open set are both linearizable).
 *
 * <p>A namespace is open when it is in the open set, or when all namespaces are open ({@link #openAll}: no sharding);
 * and in both cases only while the replica is {@linkplain #setActive active} (the leader, or a member whose lease is
 * valid) and its Lease still lets it work ({@link #renewedUntil}). Thread-safe: partitions call {@link #guard}ed
 * handlers from their event loops.
 *
 * <p><b>Fence.</b> Every reconcile carries the {@link WorkTerms term} it was admitted in as its
 * {@link ai.litellm.operator.eventlog.ReconcileRequest#fence() fence}: the time left until the deadline of the last
 * Lease renewal, none once the replica was {@linkplain #fence fenced} or that deadline passed. Its downstream calls end
 * by then. Without a Lease (a single replica, static shards without leader election) there is no deadline.
 */
public final class NamespaceGate {
  /** Hears every change of what is open, e.g. to audit ownership intervals in tests. */
  public interface Listener {
    void opened(String namespace);

    /** The namespace is closed and no reconcile of it runs any more. */
    void released(String namespace);
  }

  private final Vertx vertx;
  private final Set<String> open = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean all;
  private volatile boolean active;
  private final WorkTerms terms = new WorkTerms();

  /** A gate with nothing open and the replica inactive. */
  public NamespaceGate(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A gate that lets everything through: a single replica without sharding or leader election. */
  public static NamespaceGate allOpen(Vertx vertx) {
    NamespaceGate g = new NamespaceGate(vertx);
    g.all = true;
    g.active = true;
    return g;
  }

  public <S> KeyHandler<S> guard(KeyHandler<S> handler) {
    return req -> {
      Fence admittedIn = terms.current(); // read before the check: a fence after it ends this very term
      AtomicInteger n = inFlight.computeIfAbsent(req.namespace(), k -> new AtomicInteger());
      n.incrementAndGet();
      if (!isOpen(req.namespace())) {
        n.decrementAndGet();
        return Future.succeededFuture(ReconcileResult.done());
      }
      Future<ReconcileResult> f;
      try {
        f = handler.reconcile(req.withFence(admittedIn));
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (f == null) {
        n.decrementAndGet();
        return null;
      }
      return f.andThen(ar -> n.decrementAndGet());
    };
  }

  public boolean isOpen(String namespace) {
    return active && terms.valid() && (all || open.contains(namespace));
  }

  /** Whether the replica may work at all (leader / live member). */
  public boolean isActive() {
    return active;
  }

  /** Opens one namespace. */
  public void open(String namespace) {
    if (open.add(namespace) && active && !all) {
      listeners.forEach(l -> l.opened(namespace));
    }
  }

  /** Closes one namespace: no reconcile of it starts from now on. Pair with {@link #drained}. */
  public void close(String namespace) {
    open.remove(namespace);
  }

  /** Opens every namespace (no sharding); still subject to {@link #setActive}. */
  public void openAll() {
    all = true;
  }

  /**
   * The replica's Lease was renewed: it may work until {@code untilNanos} (on the {@link System#nanoTime()} scale). If
   * the previous deadline had already passed, the term it bounded is over and a new one starts.
   */
  public void renewedUntil(long untilNanos) {
    terms.renewedUntil(untilNanos);
  }

  /**
   * The replica lost its Lease (or stops for good): it becomes inactive, no reconcile starts, and the running ones make
   * no downstream call from now on (their term is over). A clean hand-over uses {@link #setActive}(false) instead,
   * letting the running reconciles finish while the Lease is still renewed.
   */
  public void fence() {
    active = false;
    terms.end();
  }

  /** Until when this replica may work, as a wall-clock instant (logs, tests); empty when no Lease bounds it. */
  public Optional<Instant> workUntil() {
    return terms.until();
  }

  /** Becomes active (won the leadership / holds a valid member lease) or inactive (no reconcile starts). */
  public void setActive(boolean active) {
    boolean was = this.active;
    this.active = active;
    if (active && !was && !all) {
      open.forEach(ns -> listeners.forEach(l -> l.opened(ns)));
    }
  }

  public Set<String> openNamespaces() {
    return Set.copyOf(open);
  }

  public int inFlight(String namespace) {
    AtomicInteger n = inFlight.get(namespace);
    return n == null ? 0 : n.get();
  }

  public int inFlightTotal() {
    return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /**
   * Completes once no reconcile of {@code namespace} runs (call after {@link #close}); fails after {@code maxWait}
   * with the namespace still busy. Tells the listeners it was released either way only on success.
   */
  public Future<Void> drained(String namespace, Duration maxWait) {
    return waitUntil(() -> inFlight(namespace) == 0, maxWait, "namespace " + namespace)
        .onSuccess(v -> {
          if (!isOpen(namespace)) {
            listeners.forEach(l -> l.released(namespace));
          }
        });
  }

  /**
   * Closes every namespace at once (a fenced ring member) and completes once no reconcile runs any more, failing after
   * {@code maxWait}; the listeners hear each namespace released when the drain succeeded.
   */
  public Future<Void> closeAll(Duration maxWait) {
    Set<String> closed = Set.copyOf(open);
    open.removeAll(closed);
    return waitUntil(() -> inFlightTotal() == 0, maxWait, "all namespaces")
        .onSuccess(v -> closed.forEach(ns -> listeners.forEach(l -> l.released(ns))));
  }

  /** Completes once no reconcile of any namespace runs (after {@link #setActive}(false)). */
  public Future<Void> drainedAll(Duration maxWait) {
    return waitUntil(() -> inFlightTotal() == 0, maxWait, "all namespaces").onSuccess(v -> {
      if (!active) {
        open.forEach(ns -> listeners.forEach(l -> l.released(ns)));
      }
    });
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  private Future<Void> waitUntil(java.util.function.BooleanSupplier idle, Duration maxWait, String what) {
    if (idle.getAsBoolean()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    long deadline = System.nanoTime() + maxWait.toNanos();
    vertx.setPeriodic(5, 5, id -> {
      if (idle.getAsBoolean()) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.nanoTime() - deadline >= 0) {
        vertx.cancelTimer(id);
        p.tryFail(new TimeoutException(what + " still has reconciles running after " + maxWait));
      }
    });
    return p.future();
  }
}
