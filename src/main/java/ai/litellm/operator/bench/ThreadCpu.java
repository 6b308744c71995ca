package ai.litellm.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds of another process's threads, grouped by what they do (from {@code /proc/<pid>/task/<tid>/stat} and
 * the thread names): JIT compilers, garbage collector, Vert.x event loops, the Kubernetes bridge, the rest. Shows
 * where the operator's CPU goes without a profiler; Linux only (empty elsewhere).
 */
final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  private ThreadCpu() {}

  static Map<String, Double> byGroup(long pid) {
    Map<String, Double> out = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(t -> {
        try {
          String name = Files.readString(t.resolve("comm")).trim();
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
          out.merge(group(name), seconds, Double::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    out.replaceAll((k, v) -> Math.round(v * 100) / 100.0);
    return out;
  }

  /** {@code later - earlier} per group (threads that ended in between are not in {@code later}: a lower bound). */
  static Map<String, Double> minus(Map<String, Double> later, Map<String, Double> earlier) {
    Map<String, Double> out = new TreeMap<>();
    later.forEach((k, v) -> out.put(k, Math.round((v - earlier.getOrDefault(k, 0.0)) * 100) / 100.0));
    return out;
  }

  static String group(String threadName) {
    if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
      return "jit";
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")) {
      return "gc";
    }
    if (threadName.startsWith("vert.x-eventloo")) { // comm keeps 15 characters
      return "event_loops";
    }
    if (threadName.startsWith("kube-io")) {
      return "kube_bridge";
    }
    return "other";
  }
}
