package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One control-plane component process with stdout+stderr in a log file, stopped with SIGTERM then SIGKILL.
 *
 * <p>Processes are started under {@code setpriv --pdeathsig KILL} when available, so they die even when the JVM is
 * killed with SIGKILL and no shutdown hook runs. The kernel sends that signal when the <em>thread</em> that forked
 * the child exits, so every spawn happens on one dedicated daemon thread that lives as long as the JVM.
 *
 * <p>Each starts in a session of its own ({@code setsid}, which keeps its pid when the caller is not a process group
 * leader, as a JVM's child is not), so a terminal's Ctrl-C reaches only the JVM: the sandbox then stops the operator
 * before the API server, instead of the whole process group dying at once under it.
 */
final class ManagedProcess {

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final ExecutorService SPAWNER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "real-control-plane-spawner");
            t.setDaemon(true);
            return t;
          });

  private final String name;
  private final Process process;
  private final Path logFile;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile) throws IOException {
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    if (Files.isExecutable(SETPRIV)) {
      full.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    }
    full.addAll(command);
    Files.createDirectories(logFile.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Future<Process> spawned = SPAWNER.submit(pb::start);
    try {
      return new ManagedProcess(name, spawned.get(), logFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + name, e);
    } catch (ExecutionException e) {
      throw new IOException("cannot start " + name + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  /** The last lines of the log, for error messages (component logs carry no secrets: tokens live in files). */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Sends a signal by name, e.g. {@code STOP} to freeze the process and {@code CONT} to thaw it (Java's Process API
   * knows only TERM and KILL).
   */
  void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new RealControlPlaneException("kill -" + name + " " + this.name + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new RealControlPlaneException("cannot signal " + this.name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RealControlPlaneException("interrupted signalling " + this.name, e);
    }
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL. Idempotent. */
  void stop(long graceMillis) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
