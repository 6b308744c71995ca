package ai.litellm.operator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every 100 ms on a daemon thread (the peak includes garbage not yet collected) and reads the
 * process's peak resident set (VmHWM) from /proc. Both cover the whole JVM: operator, fake proxies, bench, and in
 * embedded mode the mock API server.
 */
final class PeakMemory implements AutoCloseable {
  private static final long MIB = 1024 * 1024;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  PeakMemory() {
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long peakHeapMib() {
    peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    return peakHeap.get() / MIB;
  }

  /** Heap in use right after a full collection: what the fleet really holds. */
  long liveHeapMib() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() / MIB;
  }

  static long maxHeapMib() {
    return Runtime.getRuntime().maxMemory() / MIB;
  }

  /** Peak RSS of this process in MiB, or -1 where /proc is not available. */
  static long peakRssMib() {
    long kib = ProcStatus.kib(ProcessHandle.current().pid(), "VmHWM");
    return kib < 0 ? -1 : kib / 1024;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
