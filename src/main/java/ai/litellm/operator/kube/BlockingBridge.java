package ai.litellm.operator.kube;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where blocking fabric8 calls run. They run on plain daemon threads that are not contexts of any Vert.x
 * instance (a blocking fabric8 call on a context of the Vert.x fabric8 uses deadlocks until the request timeout: the
 * response would be delivered to the very context that is blocked). The result is handed back on the caller's Vert.x
 * context as a Future, so reconcilers stay on their event loop.
 */
public final class BlockingBridge implements AutoCloseable {
  private final Vertx vertx;
  private final ExecutorService pool;
  private final AtomicInteger busy = new AtomicInteger();

  public BlockingBridge(Vertx vertx, int threads) {
    this.vertx = vertx;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kube-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code call} on a bridge thread; completes on the current Vert.x context (or the Vert.x's own when none). */
  public <T> Future<T> call(Callable<T> call) {
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

  /** Threads currently inside a Kubernetes call. */
  public int busy() {
    return busy.get();
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }
}
