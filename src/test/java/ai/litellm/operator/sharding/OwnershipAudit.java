package ai.litellm.operator.sharding;

import ai.litellm.operator.app.OperatorProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records, from every replica's gate, when it began and stopped reconciling each namespace, and checks the two
 * sharding invariants against it: no two replicas' intervals for one namespace overlap, and every call the fake
 * LiteLLM saw for a namespace falls inside exactly one replica's interval.
 */
public final class OwnershipAudit {
  /** One replica's hold on one namespace; {@code end} null while it lasts. */
  public static final class Interval {
    final String replica;
    final String namespace;
    final Instant start;
    Instant end;

    Interval(String replica, String namespace, Instant start) {
      this.replica = replica;
      this.namespace = namespace;
      this.start = start;
    }

    boolean contains(Instant t) {
      return !t.isBefore(start) && (end == null || !t.isAfter(end));
    }

    @Override
    public String toString() {
      return replica + "[" + start + " .. " + (end == null ? "now" : end) + "]";
    }
  }

  private final List<Interval> intervals = new ArrayList<>();

  /** Starts recording a replica (call right after it started; it owns nothing yet in ring mode). */
  public void watch(OperatorProcess p) {
    String id = p.operator().config().identity;
    p.operator().gate().addListener(new NamespaceGate.Listener() {
      @Override
      public void opened(String namespace) {
        synchronized (OwnershipAudit.this) {
          intervals.add(new Interval(id, namespace, Instant.now()));
        }
      }

      @Override
      public void released(String namespace) {
        closeOpen(id, namespace);
      }
    });
  }

  /** The replica was killed: its work ended when its Vert.x closed (now). */
  public synchronized void killed(OperatorProcess p) {
    String id = p.operator().config().identity;
    Instant now = Instant.now();
    intervals.stream().filter(i -> i.replica.equals(id) && i.end == null).forEach(i -> i.end = now);
  }

  private synchronized void closeOpen(String replica, String namespace) {
    Instant now = Instant.now();
    intervals.stream().filter(i -> i.replica.equals(replica) && i.namespace.equals(namespace) && i.end == null)
        .forEach(i -> i.end = now);
  }

  /** Pairs of overlapping intervals of different replicas on one namespace (empty when sharding held). */
  public synchronized List<String> overlaps() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Interval>> e : byNamespace().entrySet()) {
      List<Interval> list = e.getValue();
      for (int a = 0; a < list.size(); a++) {
        for (int b = a + 1; b < list.size(); b++) {
          Interval x = list.get(a);
          Interval y = list.get(b);
          if (!x.replica.equals(y.replica) && overlap(x, y)) {
            out.add(e.getKey() + ": " + x + " and " + y);
          }
        }
      }
    }
    return out;
  }

  /** Who held {@code namespace} at {@code t} (more than one means a violation; none means work outside any hold). */
  public synchronized List<String> holdersAt(String namespace, Instant t) {
    return intervals.stream().filter(i -> i.namespace.equals(namespace) && i.contains(t)).map(i -> i.replica)
        .distinct().toList();
  }

  public synchronized Map<String, List<Interval>> byNamespace() {
    Map<String, List<Interval>> out = new TreeMap<>();
    for (Interval i : intervals) {
      out.computeIfAbsent(i.namespace, k -> new ArrayList<>()).add(i);
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(i -> i.start)));
    return out;
  }

  private static boolean overlap(Interval x, Interval y) {
    Instant xEnd = x.end == null ? Instant.MAX : x.end;
    Instant yEnd = y.end == null ? Instant.MAX : y.end;
    return x.start.isBefore(yEnd) && y.start.isBefore(xEnd);
  }
}
