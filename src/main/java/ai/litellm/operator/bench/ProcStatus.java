package ai.litellm.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a kibibyte field (VmHWM, VmRSS, ...) of {@code /proc/<pid>/status}. */
final class ProcStatus {
  private ProcStatus() {}

  /** The field's value in KiB, or -1 when the process or the field is not there (not Linux, exited). */
  static long kib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
