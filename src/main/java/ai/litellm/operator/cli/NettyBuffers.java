package ai.litellm.operator.cli;

import java.util.Map;
import java.util.Properties;

/**
 * The process's Netty buffer pool: Netty's pooled allocator with one direct and one heap arena, unless the JVM's
 * command line chose otherwise ({@code -Dio.netty.allocator.*}).
 *
 * <p>Why: Vert.x and fabric8's Vert.x HTTP client take Netty's default allocator, which Netty 4.2 made its adaptive
 * one. For this operator's traffic (many small requests and responses on Vert.x's event loops) that kept about 36 MB
 * of direct memory at 10k Models, against about 8 MB for the pooled allocator with one arena: peak RSS 278 → 254 MiB
 * (medians of 3 interleaved runs, docs/performance.md). Netty's own default of two arenas per core spreads lock
 * contention this process does not have: each thread's cache serves most allocations without the arena's lock.
 *
 * <p>The properties are read once, when Netty's buffer classes load, so {@link #configure()} runs first thing in
 * {@link Main#execute}, before anything touches Netty.
 */
final class NettyBuffers {
  /** Each setting and its value here; a value already given on the command line wins. */
  static final Map<String, String> DEFAULTS = Map.of(
      "io.netty.allocator.type", "pooled",
      "io.netty.allocator.numDirectArenas", "1",
      "io.netty.allocator.numHeapArenas", "1");

  private NettyBuffers() {}

  static void configure() {
    configure(System.getProperties());
  }

  static void configure(Properties properties) {
    DEFAULTS.forEach(properties::putIfAbsent);
  }
}
