package ai.litellm.operator.realcluster;

import ai.litellm.operator.app.OperatorProcess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a user of the operator would have seen during one fault, sampled from the operator process every
 * {@value #PERIOD_MS} ms: the {@code /readyz} checks that failed once the replica had been ready
 * ({@code litellm_operator_ready{check}} 0), and the failure counters that dashboards and alerts read — Model failures by
 * reason ({@code litellm_operator_model_sync_failures_total}), LiteLLM calls without a 2xx by status class
 * ({@code litellm_operator_litellm_requests_total}) and Kubernetes requests without a 2xx by code
 * ({@code litellm_operator_kubernetes_requests_total}), and how LiteLLM was repaired (Model syncs that adopted, re-created
 * or patched a row; drift findings). A process replaced in the meantime (the operator killed and
 * started again) keeps its last sampled counts.
 */
final class OperatorSignals implements AutoCloseable {
  private static final long PERIOD_MS = 250;

  private final Supplier<OperatorProcess> process;
  private final Thread sampler;
  private final Map<OperatorProcess, Counts> byProcess = new IdentityHashMap<>();
  private final TreeSet<String> failedChecks = new TreeSet<>();
  private volatile boolean running = true;
  private OperatorProcess current;
  private OperatorProcess ending;
  private boolean wasReady;

  private OperatorSignals(Supplier<OperatorProcess> process) {
    this.process = process;
    this.sampler = new Thread(this::run, "operator-signals");
    sampler.setDaemon(true);
  }

  static OperatorSignals sample(Supplier<OperatorProcess> process) {
    OperatorSignals signals = new OperatorSignals(process);
    signals.sampler.start();
    return signals;
  }

  private void run() {
    while (running) {
      sampleOnce();
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sampleOnce() {
    OperatorProcess p = process.get();
    if (p == null) {
      return;
    }
    if (p != current) {
      current = p;
      wasReady = false; // a new process: its first sync is not a fault
    }
    try {
      Map<String, Boolean> checks = p == ending ? Map.of() : p.readinessChecks().get();
      if (wasReady) {
        checks.forEach((name, ok) -> {
          if (!ok) {
            failedChecks.add(name);
          }
        });
      } else {
        wasReady = checks.values().stream().allMatch(Boolean::booleanValue);
      }
      byProcess.put(p, Counts.of(p.registry()));
    } catch (RuntimeException e) {
      // a process stopping under the sampler: its last counts stay
    }
  }

  /** Stops sampling after one last sample. */
  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampleOnce();
  }

  /** Takes a last sample now (call it before the process is killed or stopped). */
  void sampleNow() {
    sampleOnce();
  }

  /**
   * Takes a last sample of a process about to be killed, then no longer reads its readiness: the test's
   * {@link OperatorProcess#kill()} closes its client, which stops its informers, and a killed process has no /readyz
   * anyone could read. Its counts stay.
   */
  synchronized void killing(OperatorProcess p) {
    sampleOnce();
    ending = p;
  }

  synchronized Summary summary() {
    Map<String, Double> failures = new TreeMap<>();
    Map<String, Double> litellm = new TreeMap<>();
    Map<String, Double> kube = new TreeMap<>();
    Map<String, Double> repairs = new TreeMap<>();
    for (Counts c : byProcess.values()) {
      c.repairs.forEach((k, v) -> repairs.merge(k, v, Double::sum));
      c.modelFailures.forEach((k, v) -> failures.merge(k, v, Double::sum));
      c.litellmNot2xx.forEach((k, v) -> litellm.merge(k, v, Double::sum));
      c.kubeNot2xx.forEach((k, v) -> kube.merge(k, v, Double::sum));
    }
    return new Summary(String.join(", ", failedChecks), format(failures), format(litellm), format(kube),
        format(repairs));
  }

  private static String format(Map<String, Double> counts) {
    String s = counts.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + Math.round(e.getValue())).collect(Collectors.joining(", "));
    return s.isEmpty() ? "-" : s;
  }

  /**
   * One fault's signals.
   *
   * @param readyzFailed checks of /readyz that failed after the replica had been ready ("" when none)
   * @param modelFailures Model reconcile failures by reason
   * @param litellmNot2xx LiteLLM calls without a 2xx answer, by status class ({@code error}: no answer)
   * @param kubeNot2xx Kubernetes requests without a 2xx answer, by code (0: no answer)
   * @param repairs Model syncs that were not a plain create or no-op ({@code litellm_operator_model_syncs_total}:
   *     adopted, recreated, patched) and the drift pass's findings (models missing or different, orphans deleted)
   */
  record Summary(String readyzFailed, String modelFailures, String litellmNot2xx, String kubeNot2xx,
      String repairs) {}

  private record Counts(Map<String, Double> modelFailures, Map<String, Double> litellmNot2xx,
      Map<String, Double> kubeNot2xx, Map<String, Double> repairs) {
    static Counts of(MeterRegistry registry) {
      Map<String, Double> failures = new TreeMap<>();
      for (Counter c : registry.find("litellm_operator_model_sync_failures").counters()) {
        failures.merge(c.getId().getTag("reason"), c.count(), Double::sum);
      }
      Map<String, Double> litellm = new TreeMap<>();
      for (Counter c : registry.find("litellm_operator_litellm_requests").counters()) {
        String cls = c.getId().getTag("status_class");
        if (!"2xx".equals(cls)) {
          litellm.merge(c.getId().getTag("endpoint") + " " + cls, c.count(), Double::sum);
        }
      }
      Map<String, Double> kube = new TreeMap<>();
      for (Counter c : registry.find("litellm_operator_kubernetes_requests").counters()) {
        String code = c.getId().getTag("code");
        if (code == null || !code.startsWith("2")) {
          kube.merge(String.valueOf(code), c.count(), Double::sum);
        }
      }
      Map<String, Double> outcomes = new TreeMap<>();
      for (Counter c : registry.find("litellm_operator_model_syncs").counters()) {
        String outcome = c.getId().getTag("outcome");
        if (!"created".equals(outcome) && !"unchanged".equals(outcome)) {
          outcomes.merge(outcome, c.count(), Double::sum);
        }
      }
      Counter detected = registry.find("litellm_operator_drift_detected").counter();
      if (detected != null) {
        outcomes.merge("drift detected", detected.count(), Double::sum);
      }
      Counter orphans = registry.find("litellm_operator_drift_orphans_deleted").counter();
      if (orphans != null) {
        outcomes.merge("orphans deleted", orphans.count(), Double::sum);
      }
      return new Counts(failures, litellm, kube, outcomes);
    }
  }
}
