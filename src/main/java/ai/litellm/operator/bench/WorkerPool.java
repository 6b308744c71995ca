package ai.litellm.operator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code count} blocking tasks on {@code threads} threads named {@code bench-worker-N} (the CPU meter counts them
 * as the bench's, not the operator's) and waits for all; the first failure is rethrown.
 */
final class WorkerPool {
  private WorkerPool() {}

  interface Task {
    void run(int index) throws Exception;
  }

  static void runAll(int count, int threads, Duration timeout, Task task) throws Exception {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>(threads);
      for (int w = 0; w < threads; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            task.run(i);
          }
          return null;
        }));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<?> w : workers) {
        long left = deadline - System.nanoTime();
        try {
          w.get(Math.max(1, left), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          next.set(count); // stop the other workers
          throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
          next.set(count);
          throw new TimeoutException(count + " bench tasks did not finish within " + timeout);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
