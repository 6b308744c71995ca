package ai.litellm.operator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.impl.buffer.VertxByteBufAllocator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyBuffersTest {

  @Test
  void setsThePooledAllocatorWithOneArenaUnlessTheCommandLineChoseOtherwise() {
    Properties chosen = new Properties();
    chosen.setProperty("io.netty.allocator.type", "adaptive");
    NettyBuffers.configure(chosen);
    assertEquals("adaptive", chosen.getProperty("io.netty.allocator.type"));
    assertEquals("1", chosen.getProperty("io.netty.allocator.numDirectArenas"));
    assertEquals("1", chosen.getProperty("io.netty.allocator.numHeapArenas"));
  }

  /**
   * The operator's own JVM: Main sets the pool up before Netty reads its settings (they are read once, when its buffer
   * classes load), so the allocator Vert.x and fabric8 take is the pooled one with one arena of each kind.
   */
  @Test
  void theOperatorsProcessRunsOnThePooledAllocatorWithOneArena() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(CliProcess.onTestClasspath(Probe.class)).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM's own options, as the jar gets them, none from the runner
    Process p = pb.start();
    try {
      assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the probe did not finish");
      String out = new String(p.getInputStream().readAllBytes()).trim();
      assertTrue(out.endsWith("PooledByteBufAllocator direct=1 heap=1"), out);
    } finally {
      p.destroyForcibly();
    }
  }

  /** Runs a command as the jar does, then reports the pool Vert.x (and so fabric8's client) takes its buffers from. */
  public static final class Probe {
    public static void main(String[] args) {
      Main.execute("version");
      ByteBufAllocator allocator = VertxByteBufAllocator.POOLED_ALLOCATOR;
      String arenas = allocator instanceof PooledByteBufAllocator pooled
          ? " direct=" + pooled.metric().numDirectArenas() + " heap=" + pooled.metric().numHeapArenas() : "";
      System.out.println(allocator.getClass().getSimpleName() + arenas);
    }
  }
}
