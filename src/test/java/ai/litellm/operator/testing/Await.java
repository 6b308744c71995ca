package ai.litellm.operator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The tests' one way to wait: for a Vert.x future ({@link #await}, {@link #awaitFailure}) or for a condition to hold
 * ({@link #eventually}). Deadlines are generous because the suite must pass on a loaded 2-core machine; a test thread
 * blocks here, never an event loop.
 */
public final class Await {
  /** How long a future may take, and the default for conditions. */
  public static final Duration FUTURE = Duration.ofSeconds(60);
  public static final Duration CONDITION = Duration.ofSeconds(30);

  private Await() {}

  /** The future's result; its failure is rethrown (a checked one wrapped in an AssertionError). */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(FUTURE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError("future failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + FUTURE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(FUTURE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + FUTURE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure, got success");
  }

  /** Polls until {@code condition} holds, for up to {@link #CONDITION}. */
  public static void eventually(String what, BooleanSupplier condition) {
    eventually(what, CONDITION, condition, () -> "");
  }

  public static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    eventually(what, timeout, condition, () -> "");
  }

  /**
   * Polls until {@code condition} holds. An assertion or exception thrown by the condition counts as "not yet" and is
   * reported if time runs out, with {@code state}: what was seen last.
   */
  public static void eventually(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AssertionError last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (AssertionError | RuntimeException e) {
        last = e instanceof AssertionError a ? a : new AssertionError(e);
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      sleep(20);
    }
    String seen;
    try {
      seen = state.get();
    } catch (RuntimeException e) {
      seen = e.toString();
    }
    fail("timed out after " + timeout + " waiting for " + what + (last == null ? "" : ": " + last.getMessage())
        + (seen == null || seen.isEmpty() ? "" : "\nlast seen: " + seen));
  }

  /** {@link #eventually} with the description computed only on failure. */
  public static void eventually(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + CONDITION.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out after " + CONDITION + " waiting for " + what.get());
      }
      sleep(2);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
