package ai.litellm.operator.realcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table of the fault matrix: one row per fault, printed at the end and kept in target/fault-matrix.md. */
final class FaultMatrixReport {

  /**
   * One fault's outcome.
   *
   * @param lasted how long the fault was injected for; null when it stays until the end (a slow or lossy proxy)
   * @param readyAfterFault from the end of the injection (for a fault that stays: its start) until every Model was
   *     Ready on its own row; null when that never happened
   * @param wholeFleet from the operator's start until then
   * @param census after convergence and two drift passes; null when the scenario failed before
   * @param informerGone informer watches of the namespace that ended with 410 Gone
   * @param signals what the operator showed meanwhile (readiness checks, failure counters); null when not sampled
   */
  record Row(String fault, Duration lasted, Duration readyAfterFault, Duration bound, Duration wholeFleet,
      FleetCensus census, int informerGone, OperatorSignals.Summary signals, String failure) {}

  private final List<Row> rows = new ArrayList<>();

  synchronized void add(Row row) {
    rows.add(row);
  }

  synchronized String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Fault | Fault lasted | All Ready after the fault | Bound | Whole fleet | Duplicate ids | Orphans | ")
        .append("Stuck | Informer 410s |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| ").append(r.fault())
          .append(" | ").append(r.lasted() == null ? "until the end" : seconds(r.lasted()))
          .append(" | ").append(r.readyAfterFault() == null ? "**not converged**" : seconds(r.readyAfterFault()))
          .append(" | ").append(seconds(r.bound()))
          .append(" | ").append(r.wholeFleet() == null ? "-" : seconds(r.wholeFleet()))
          .append(" | ").append(r.census() == null ? "-" : Integer.toString(r.census().duplicateIds()))
          .append(" | ").append(r.census() == null ? "-" : Integer.toString(r.census().orphans()))
          .append(" | ").append(r.census() == null ? "-" : Integer.toString(r.census().stuck()))
          .append(" | ").append(r.informerGone())
          .append(" |").append(r.failure() == null ? "" : " FAILED: " + oneLine(r.failure()))
          .append('\n');
    }
    out.append("\n| Fault | /readyz checks failed | Model failures by reason | LiteLLM calls without 2xx | ")
        .append("Kubernetes requests without 2xx | Repairs |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      OperatorSignals.Summary s = r.signals();
      out.append("| ").append(r.fault())
          .append(" | ").append(s == null ? "-" : s.readyzFailed().isEmpty() ? "none" : s.readyzFailed())
          .append(" | ").append(s == null ? "-" : s.modelFailures())
          .append(" | ").append(s == null ? "-" : s.litellmNot2xx())
          .append(" | ").append(s == null ? "-" : s.kubeNot2xx())
          .append(" | ").append(s == null ? "-" : s.repairs())
          .append(" |\n");
    }
    return out.toString();
  }

  /** Prints the table and writes it to {@code target/fault-matrix.md}. */
  void print() {
    String table = markdown();
    System.out.println("\nFault matrix (" + FaultFleet.MODELS + " Models on " + FaultFleet.PROXIES + " proxies):\n"
        + table);
    Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "fault-matrix.md");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, table);
    } catch (IOException e) {
      System.out.println("could not write " + file + ": " + e);
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
