package ai.litellm.operator.kube;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Events recently written on one object, so that a repeat counts on the Event already there (as client-go's
 * recorder does: {@code count} + 1 and a new {@code lastTimestamp}) instead of creating another, and so that a retrying
 * reconcile does not flood the API server: the same Event is written at most once per {@link #REPEAT_INTERVAL}; a
 * repeat within it is dropped, not counted, so {@code count} grows at most once per interval.
 *
 * <p>"The same Event" is the same object (uid), type, reason and message; the source and reporting fields are this
 * process's constants. One memo lives in each key's state (created and forgotten with it) and remembers the last
 * {@value #REMEMBERED} distinct Events only, so no global cache grows with the number of objects. What it forgets (a
 * restart, a namespace handed to another replica, an Event pushed out by newer ones) starts a new Event object, as
 * client-go's LRU does.
 */
public final class EventMemo {
  /** How long the same Event on the same object is not written again. */
  public static final Duration REPEAT_INTERVAL = Duration.ofMinutes(10);
  private static final int REMEMBERED = 4;

  /**
   * What to write for one occurrence: a new Event object ({@code count == 1}) or a repeat counted on the Event
   * {@code name} that the first occurrence created.
   *
   * @param firstMillis when the first occurrence was written ({@code firstTimestamp}, {@code eventTime})
   * @param atMillis when this one is ({@code lastTimestamp})
   */
  public record Occurrence(String name, int count, long firstMillis, long atMillis) {
    boolean repeat() {
      return count > 1;
    }
  }

  private static final class Written {
    final String uid;
    final String type;
    final String reason;
    final String message;
    final String name;
    final long firstMillis;
    long lastMillis;
    int count;

    Written(String uid, String type, String reason, String message, String name, long atMillis) {
      this.uid = uid;
      this.type = type;
      this.reason = reason;
      this.message = message;
      this.name = name;
      this.firstMillis = atMillis;
      this.lastMillis = atMillis;
      this.count = 1;
    }

    boolean same(String uid, String type, String reason, String message) {
      return Objects.equals(this.uid, uid) && this.type.equals(type) && this.reason.equals(reason)
          && this.message.equals(message);
    }
  }

  private final ArrayDeque<Written> recent = new ArrayDeque<>(REMEMBERED);

  /**
   * One occurrence of an Event on the object: {@code null} when the same Event was written within
   * {@link #REPEAT_INTERVAL} (write nothing); otherwise what to write, remembered as written. The memo counts the
   * occurrences it lets through, not what the API server stored: a failed write is not retried, and the next repeat
   * patches (or, on 404, creates) with the count so far.
   *
   * @param newName the name of a new Event object, asked only when this is a first occurrence
   */
  synchronized Occurrence observe(String uid, String type, String reason, String message, long nowMillis,
      Supplier<String> newName) {
    for (Iterator<Written> it = recent.iterator(); it.hasNext(); ) {
      Written w = it.next();
      if (w.same(uid, type, reason, message)) {
        if (nowMillis - w.lastMillis < REPEAT_INTERVAL.toMillis()) {
          return null;
        }
        it.remove();
        recent.addLast(w); // the most recently written is the last forgotten
        w.lastMillis = nowMillis;
        w.count++;
        return new Occurrence(w.name, w.count, w.firstMillis, nowMillis);
      }
    }
    if (recent.size() == REMEMBERED) {
      recent.removeFirst();
    }
    Written first = new Written(uid, type, reason, message, newName.get(), nowMillis);
    recent.addLast(first);
    return new Occurrence(first.name, 1, nowMillis, nowMillis);
  }
}
