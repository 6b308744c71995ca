package ai.litellm.operator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x whose threads carry a prefix, so the benchmark can tell their CPU time apart from the operator's (every
 * Vert.x otherwise names its threads {@code vert.x-eventloop-thread-N}). Uses Vert.x's bootstrap SPI: bench-only code.
 */
final class NamedVertx {
  private NamedVertx() {}

  static Vertx create(String prefix) {
    return VertxBootstrap.create()
        .options(new VertxOptions())
        .threadFactory(new VertxThreadFactory() {
          @Override
          public VertxThread newVertxThread(Runnable target, String name, boolean worker, long maxExecTime,
              TimeUnit unit) {
            return new VertxThread(target, prefix + name, worker, maxExecTime, unit);
          }
        })
        .init()
        .vertx();
  }
}
