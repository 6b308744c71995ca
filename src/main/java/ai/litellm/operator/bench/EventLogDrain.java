package ai.litellm.operator.bench;

import ai.litellm.operator.eventlog.EventLog;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a topic has taken in a number of events and settled every one of them: the log end moved by at least
 * that many and no partition lags (every offset committed), nothing runs. Polls the topic's published statistics.
 */
final class EventLogDrain {
  private EventLogDrain() {}

  /** Sum of the partitions' log-end offsets: events taken in so far. */
  static long logEnd(EventLog<?> log) {
    long end = 0;
    for (int p = 0; p < log.partitions(); p++) {
      end += log.logEndOffset(p);
    }
    return end;
  }

  static void await(EventLog<?> log, long fromLogEnd, long events, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (logEnd(log) >= fromLogEnd + events && totalLag(log) == 0 && log.inFlight() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("topic " + log.topic() + " did not settle " + events + " events within " + timeout
            + " (taken in " + (logEnd(log) - fromLogEnd) + ", lag " + totalLag(log) + ", in flight " + log.inFlight()
            + ", delayed " + log.delayed() + ")");
      }
      Thread.sleep(20);
    }
  }

  private static long totalLag(EventLog<?> log) {
    long lag = 0;
    for (int p = 0; p < log.partitions(); p++) {
      lag += log.lag(p);
    }
    return lag;
  }
}
