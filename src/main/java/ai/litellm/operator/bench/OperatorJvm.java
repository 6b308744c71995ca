package ai.litellm.operator.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as a JVM of its own, started with the production {@code run} command, so that its CPU time, peak RSS
 * and heap are its own and not shared with the fake proxies and the bench's client (what a pod's figures would be).
 * It is observed from outside only: {@code /proc}, its {@code /metrics} and its GC log.
 */
final class OperatorJvm implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorJvm.class);

  private final Process process;
  private final int managementPort;
  private final Path gcLog;
  private final Path output;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OperatorJvm(Process process, int managementPort, Path gcLog, Path output) {
    this.process = process;
    this.managementPort = managementPort;
    this.gcLog = gcLog;
    this.output = output;
  }

  /**
   * Starts {@code litellm-operator run} from this JVM's own class path and waits until {@code /readyz} answers 200.
   *
   * @param jvmArgs      the child's JVM options (heap size, GC)
   * @param operatorArgs options of the {@code run} command
   * @param dir          where its log and GC log go
   */
  static OperatorJvm start(List<String> jvmArgs, List<String> operatorArgs, Path dir, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    Files.createDirectories(dir);
    int port = freePort();
    Path gcLog = dir.resolve("gc.log");
    Path output = dir.resolve("operator.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-Xlog:gc:file=" + gcLog);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("ai.litellm.operator.cli.Main");
    cmd.add("run");
    cmd.add("--management-port=" + port);
    cmd.addAll(operatorArgs);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    OperatorJvm jvm = new OperatorJvm(p, port, gcLog, output);
    LOG.info("operator process {} started (management port {}, log {})", p.pid(), port, output);
    try {
      jvm.awaitReady(timeout);
    } catch (InterruptedException | TimeoutException | RuntimeException e) {
      jvm.close(); // never leave an operator running behind a failed start
      throw e;
    }
    return jvm;
  }

  private void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("operator process exited with " + process.exitValue() + "; see " + output);
      }
      try {
        if (get("/readyz").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new TimeoutException("operator process not ready within " + timeout + "; see " + output);
  }

  long pid() {
    return process.pid();
  }

  /** User + system CPU of the whole operator JVM so far (GC and JIT included). */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElseThrow(() ->
        new IllegalStateException("the OS does not report the CPU time of process " + process.pid()));
  }

  /** CPU seconds so far by thread group (JIT, GC, event loops, ...); see {@link ThreadCpu}. */
  Map<String, Double> cpuByThreadGroup() {
    return ThreadCpu.byGroup(process.pid());
  }

  /** Peak resident set size so far ({@code VmHWM}). */
  long peakRssMib() {
    return ProcStatus.kib(process.pid(), "VmHWM") / 1024;
  }

  /** The largest heap occupancy the GC log shows before a collection: the peak, garbage included. */
  long peakHeapMib() throws IOException {
    return GcLog.read(gcLog).peakBeforeMib();
  }

  /** A full collection now ({@code jcmd <pid> GC.run}), so that the next GC log line shows the live set. */
  void fullGc() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("jcmd GC.run failed for process " + process.pid());
    }
    Thread.sleep(500); // the GC log line is written right after the collection
  }

  /** The heap occupancy after the last collection: roughly the live set. */
  long lastLiveHeapMib() throws IOException {
    return GcLog.read(gcLog).lastAfterMib();
  }

  PrometheusText metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    if (r.statusCode() != 200) {
      throw new IOException("/metrics answered " + r.statusCode());
    }
    return PrometheusText.parse(r.body());
  }

  /** The controllers' Kubernetes requests by verb, as the in-process bench counts them. */
  Map<String, Long> kubeRequestsByVerb() throws IOException, InterruptedException {
    return metrics().sumBy("litellm_operator_kubernetes_requests_total", "verb");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the operator's shutdown hook closes it cleanly
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
