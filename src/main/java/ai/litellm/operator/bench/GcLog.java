package ai.litellm.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap occupancy from a unified GC log ({@code -Xlog:gc}): every collection line carries
 * {@code <before>M-><after>M(<committed>M)}. The largest "before" is the peak heap use (garbage included) at the
 * sampling points that matter, the moments the heap was full enough to collect; the last "after" approximates the
 * live set.
 *
 * @param collections    collections in the log
 * @param peakBeforeMib  the largest occupancy before a collection
 * @param lastAfterMib   the occupancy after the last collection
 */
record GcLog(int collections, long peakBeforeMib, long lastAfterMib) {
  private static final Pattern OCCUPANCY = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  static GcLog read(Path file) throws IOException {
    return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
  }

  static GcLog parse(List<String> lines) {
    int n = 0;
    long peak = 0;
    long last = 0;
    for (String line : lines) {
      Matcher m = OCCUPANCY.matcher(line);
      if (m.find()) {
        n++;
        peak = Math.max(peak, mib(m.group(1), m.group(2)));
        last = mib(m.group(3), m.group(4));
      }
    }
    return new GcLog(n, peak, last);
  }

  private static long mib(String value, String unit) {
    long v = Long.parseLong(value);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }
}
