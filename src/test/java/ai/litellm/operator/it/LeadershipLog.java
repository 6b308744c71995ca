package ai.litellm.operator.it;

import ai.litellm.operator.app.OperatorProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples every replica's gate (is it allowed to reconcile?) every few milliseconds on its own thread and keeps the
 * intervals in which each replica was active. The gate has no listener for activity changes in leader-election mode,
 * so sampling is the only outside view. To stay conservative on a loaded machine (where the sampler may sleep far
 * longer than asked), an interval starts at the last sample that saw the replica inactive and ends at the first
 * sample that saw it inactive again: the real interval always lies inside the recorded one.
 */
final class LeadershipLog implements AutoCloseable {
  static final long SAMPLE_MILLIS = 5;

  record Interval(String replica, Instant start, Instant end) {
    boolean contains(Instant t) {
      return !t.isBefore(start) && (end == null || !t.isAfter(end));
    }
  }

  private final Map<OperatorProcess, Instant> activeSince = new ConcurrentHashMap<>();
  private final Map<OperatorProcess, Instant> lastInactiveSample = new ConcurrentHashMap<>();
  private final List<OperatorProcess> watched = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Interval> closed = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  LeadershipLog() {
    sampler = new Thread(this::sampleLoop, "leadership-log");
    sampler.setDaemon(true);
    sampler.start();
  }

  void watch(OperatorProcess p) {
    watched.add(p);
  }

  /** The replica was killed: its activity ended now (its Vert.x is closed; nothing of it runs any more). */
  synchronized void killed(OperatorProcess p) {
    watched.remove(p);
    Instant since = activeSince.remove(p);
    if (since != null) {
      closed.add(new Interval(MultiReplicaSandbox.identity(p), since, Instant.now()));
    }
  }

  private void sampleLoop() {
    while (running) {
      for (OperatorProcess p : watched) {
        boolean active = p.operator().gate().isActive();
        Instant now = Instant.now();
        synchronized (this) {
          if (!watched.contains(p)) {
            continue;
          }
          Instant since = activeSince.get(p);
          if (active && since == null) {
            activeSince.put(p, lastInactiveSample.getOrDefault(p, Instant.EPOCH));
          } else if (!active) {
            lastInactiveSample.put(p, now);
            if (since != null) {
              activeSince.remove(p);
              closed.add(new Interval(MultiReplicaSandbox.identity(p), since, now));
            }
          }
        }
      }
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Every activity interval so far, open ones with a null end. */
  synchronized List<Interval> intervals() {
    List<Interval> out = new ArrayList<>(closed);
    activeSince.forEach((p, since) -> out.add(new Interval(MultiReplicaSandbox.identity(p), since, null)));
    return out;
  }

  /** Replicas that were active at {@code t}. */
  List<String> activeAt(Instant t) {
    return intervals().stream().filter(i -> i.contains(t)).map(Interval::replica).distinct().toList();
  }

  /** Pairs of intervals of different replicas that overlap (two leaders at once). */
  List<String> overlaps() {
    List<Interval> all = intervals();
    List<String> out = new ArrayList<>();
    for (int a = 0; a < all.size(); a++) {
      for (int b = a + 1; b < all.size(); b++) {
        Interval x = all.get(a);
        Interval y = all.get(b);
        Instant xEnd = x.end() == null ? Instant.MAX : x.end();
        Instant yEnd = y.end() == null ? Instant.MAX : y.end();
        if (!x.replica().equals(y.replica()) && x.start().isBefore(yEnd) && y.start().isBefore(xEnd)) {
          out.add(x + " and " + y);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
