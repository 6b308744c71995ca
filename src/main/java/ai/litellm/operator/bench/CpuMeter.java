package ai.litellm.operator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time of this process, and of the threads that are not the operator's (named with a known prefix: the fake
 * proxies, the bench's own client and workers, and the driver thread that polls for convergence). The operator's share is the difference; it therefore also carries the
 * JVM's GC and JIT threads and anything unnamed (in embedded mode: the mock API server, which runs in this JVM).
 */
final class CpuMeter {
  private final List<String> foreignPrefixes;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** CPU nanoseconds at one instant: the whole process and the foreign threads. */
  record Reading(long processNanos, long foreignNanos) {
    /** Seconds of operator CPU between {@code earlier} and this reading. */
    double operatorSecondsSince(Reading earlier) {
      return ((processNanos - earlier.processNanos) - (foreignNanos - earlier.foreignNanos)) / 1e9;
    }

    double processSecondsSince(Reading earlier) {
      return (processNanos - earlier.processNanos) / 1e9;
    }
  }

  /** The bench's driver (the thread that builds the meter): its polling of the caches is not the operator's work. */
  private final long driverThreadId = Thread.currentThread().getId();

  CpuMeter(List<String> foreignPrefixes) {
    this.foreignPrefixes = List.copyOf(foreignPrefixes);
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  Reading read() {
    long foreign = 0;
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] != null && (ids[i] == driverThreadId || isForeign(infos[i].getThreadName()))) {
        long t = threads.getThreadCpuTime(ids[i]);
        foreign += Math.max(0, t);
      }
    }
    return new Reading(os.getProcessCpuTime(), foreign);
  }

  private boolean isForeign(String name) {
    for (String p : foreignPrefixes) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
