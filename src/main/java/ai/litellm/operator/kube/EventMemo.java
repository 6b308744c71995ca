package ai.litellm.operator.kube;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The Events recently recorded on one object, so a retrying reconcile does not flood the API server with the same
 * Event: the same reason and message are recorded at most once per repeat interval. One memo lives in each key's state
 * (created and forgotten with it); it remembers the last few distinct Events only.
 */
public final class EventMemo {
  private static final int REMEMBERED = 4;

  private record Recorded(String reason, String message, long atMillis) {}

  private final ArrayDeque<Recorded> recent = new ArrayDeque<>(REMEMBERED);

  /**
   * Whether an Event with this reason and message should be recorded now; if so it is remembered as recorded.
   *
   * @param repeatMillis how long the same Event is not repeated
   */
  public synchronized boolean shouldRecord(String reason, String message, long nowMillis, long repeatMillis) {
    for (Iterator<Recorded> it = recent.iterator(); it.hasNext(); ) {
      Recorded r = it.next();
      if (r.reason.equals(reason) && r.message.equals(message)) {
        if (nowMillis - r.atMillis < repeatMillis) {
          return false;
        }
        it.remove();
        break;
      }
    }
    if (recent.size() == REMEMBERED) {
      recent.removeFirst();
    }
    recent.addLast(new Recorded(reason, message, nowMillis));
    return true;
  }
}
