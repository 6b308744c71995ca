package ai.litellm.operator.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Every live thread's state and stack, as text for one log record (what {@code jstack} would show). */
final class ThreadDump {
  private ThreadDump() {}

  static String all() {
    ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    return Arrays.stream(threads).sorted(Comparator.comparing(ThreadInfo::getThreadName))
        .map(ThreadDump::describe).collect(Collectors.joining("\n"));
  }

  /** ThreadInfo.toString() cuts stacks at 8 frames; a hang needs the whole stack. */
  private static String describe(ThreadInfo t) {
    StringBuilder out = new StringBuilder();
    out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
    if (t.getLockName() != null) {
      out.append(" on ").append(t.getLockName());
    }
    if (t.getLockOwnerName() != null) {
      out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
    }
    out.append('\n');
    for (StackTraceElement frame : t.getStackTrace()) {
      out.append("    at ").append(frame).append('\n');
    }
    return out.toString();
  }
}
