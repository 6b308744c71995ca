package ai.litellm.operator.kube;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where blocking calls run, one instance per operator process. They run on plain daemon threads that
 * are not contexts of any Vert.x instance (a blocking fabric8 call on a context of the Vert.x fabric8 uses deadlocks
 * until the request timeout: the response would be delivered to the very context that is blocked). The result is
 * handed back on the caller's Vert.x context as a Future, so callers stay on their event loop.
 *
 * <p>Two lanes: {@link #call} for the controllers' work ({@code --kube-threads} threads) and {@link #callControl} on
 * {@link #CONTROL_THREADS} threads of their own for the operator's housekeeping (Lease renewals and claims, the leader
 * release, metric scrapes), so a bridge saturated by reconciles never delays a renewal into a fence.
 */
public final class BlockingBridge {
  /**
   * Threads of the control lane (an internal constant, not a setting): a renewal, the member list and a few claim
   * calls at once; the ring's hand-offs beyond that queue, which only paces them.
   */
  public static final int CONTROL_THREADS = 4;
  /** How long running calls may finish after {@link #close()} before their threads are interrupted. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(BlockingBridge.class);

  private final Vertx vertx;
  private final ExecutorService work;
  private final ExecutorService control;
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Promise<Void> terminated = Promise.promise();

  public BlockingBridge(Vertx vertx, int threads) {
    this.vertx = vertx;
    this.work = pool(threads, "kube-io-");
    this.control = pool(CONTROL_THREADS, "kube-control-");
  }

  private static ExecutorService pool(int threads, String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code call} on a work thread; completes on the current Vert.x context (or the Vert.x's own when none). */
  public <T> Future<T> call(Callable<T> call) {
    return submit(work, call);
  }

  /** As {@link #call}, on the control lane: for calls that must not queue behind the controllers' work. */
  public <T> Future<T> callControl(Callable<T> call) {
    return submit(control, call);
  }

  private <T> Future<T> submit(ExecutorService pool, Callable<T> call) {
    Context ctx = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    try {
      pool.execute(() -> {
        busy.incrementAndGet();
        try {
          T value = call.call();
          ctx.runOnContext(v -> promise.complete(value));
        } catch (Throwable e) {
          ctx.runOnContext(v -> promise.fail(e));
        } finally {
          busy.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      promise.fail(new IllegalStateException("the Kubernetes bridge is shut down", e));
    }
    return promise.future();
  }

  /** Threads currently inside a call (both lanes). */
  public int busy() {
    return busy.get();
  }

  /**
   * Stops taking calls and returns at once, so it is safe on an event loop: running calls get {@link #CLOSE_GRACE}
   * to finish on a thread of their own, then are interrupted. The future completes (on no Vert.x context) when every
   * bridge thread has ended; waiting for it is for plain threads only.
   */
  public Future<Void> close() {
    if (closing.compareAndSet(false, true)) {
      work.shutdown();
      control.shutdown();
      Thread waiter = new Thread(this::awaitTermination, "kube-io-close");
      waiter.setDaemon(true);
      waiter.start();
    }
    return terminated.future();
  }

  private void awaitTermination() {
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    try {
      for (ExecutorService pool : List.of(work, control)) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!pool.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          LOG.warn("Kubernetes bridge: calls still running after {}; interrupting them", CLOSE_GRACE);
          pool.shutdownNow();
          pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      work.shutdownNow();
      control.shutdownNow();
    } finally {
      terminated.tryComplete();
    }
  }
}
