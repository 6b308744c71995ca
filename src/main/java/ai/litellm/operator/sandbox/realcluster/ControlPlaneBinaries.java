package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Locates (and, on request, builds) the control-plane binaries. The layout mirrors
 * {@code src/main/resources/control-plane/provision.sh}: {@code <cache>/v1.20.2/bin/{kube-apiserver,
 * kube-controller-manager,.complete}} with {@code <cache>} = {@code $LITELLM_CP_CACHE}, else
 * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/litellm-operator/control-plane}.
 */
public final class ControlPlaneBinaries {

  public static final String KUBERNETES_VERSION = "v1.20.2";
  public static final String KUBE_APISERVER = "kube-apiserver";
  public static final String KUBE_CONTROLLER_MANAGER = "kube-controller-manager";
  /** Written by provision.sh after both binaries are in place; a bin dir without it is a half-finished build. */
  static final String COMPLETE_MARKER = ".complete";

  /** Overrides the whole lookup with a directory that holds both kube binaries. */
  public static final String ENV_BIN_DIR = "LITELLM_CP_BIN_DIR";
  /** Replaces {@code ${XDG_CACHE_HOME:-$HOME/.cache}/litellm-operator/control-plane}, as in provision.sh. */
  public static final String ENV_CACHE = "LITELLM_CP_CACHE";
  /** Overrides the etcd executable. */
  public static final String ENV_ETCD = "LITELLM_CP_ETCD";
  public static final Path DEFAULT_ETCD = Path.of("/usr/bin/etcd");

  static final String PROVISION_SCRIPT_RESOURCE = "/control-plane/provision.sh";
  /** A cold build takes ~4 min on 2 idle cores; leave room for a loaded machine and a slow mirror. */
  private static final long PROVISION_TIMEOUT_MINUTES = 45;

  private final Map<String, String> env;

  ControlPlaneBinaries(Map<String, String> env) {
    this.env = env;
  }

  public static ControlPlaneBinaries fromEnvironment() {
    return new ControlPlaneBinaries(System.getenv());
  }

  /** The bin dir provision.sh uses by default (it may not exist yet). */
  public Path cacheBinDir() {
    String cache = env.get(ENV_CACHE);
    Path base;
    if (cache != null && !cache.isBlank()) {
      base = Path.of(cache);
    } else {
      String xdg = env.get("XDG_CACHE_HOME");
      Path cacheHome =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
      base = cacheHome.resolve("litellm-operator").resolve("control-plane");
    }
    return base.resolve(KUBERNETES_VERSION).resolve("bin");
  }

  /**
   * The directory holding both kube binaries: the explicit one if given, else {@code $LITELLM_CP_BIN_DIR}, else the
   * provision cache (only when its build is complete). Empty when none qualifies.
   */
  public Optional<Path> findBinDir(Optional<Path> explicit) {
    if (explicit.isPresent()) {
      return explicit.filter(ControlPlaneBinaries::holdsKubeBinaries);
    }
    String override = env.get(ENV_BIN_DIR);
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override)).filter(ControlPlaneBinaries::holdsKubeBinaries);
    }
    Path cached = cacheBinDir();
    return holdsKubeBinaries(cached) && Files.isRegularFile(cached.resolve(COMPLETE_MARKER))
        ? Optional.of(cached)
        : Optional.empty();
  }

  /** The etcd executable: explicit, else {@code $LITELLM_CP_ETCD}, else /usr/bin/etcd; empty if not executable. */
  public Optional<Path> findEtcd(Optional<Path> explicit) {
    Path etcd =
        explicit.orElseGet(
            () -> {
              String override = env.get(ENV_ETCD);
              return override != null && !override.isBlank() ? Path.of(override) : DEFAULT_ETCD;
            });
    return Files.isExecutable(etcd) ? Optional.of(etcd) : Optional.empty();
  }

  static boolean holdsKubeBinaries(Path dir) {
    return Files.isExecutable(dir.resolve(KUBE_APISERVER))
        && Files.isExecutable(dir.resolve(KUBE_CONTROLLER_MANAGER));
  }

  /**
   * Runs provision.sh (extracted from the classpath, so this works from the shaded jar) and returns the bin dir it
   * prints on its last stdout line. Its progress (stderr) goes to this JVM's stderr. Blocks for minutes on a cold
   * cache, for about a second on a warm one.
   */
  public Path provision() {
    Path script = null;
    try {
      script = extractProvisionScript();
      ProcessBuilder pb = new ProcessBuilder(List.of("bash", script.toString()));
      pb.environment().putAll(env);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Process process = pb.start();
      // stdout is small (the bin dir); reading it fully before waitFor cannot dead-lock on a full pipe.
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(PROVISION_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new RealControlPlaneException("provision.sh did not finish within " + PROVISION_TIMEOUT_MINUTES + " min");
      }
      if (process.exitValue() != 0) {
        throw new RealControlPlaneException("provision.sh failed with exit code " + process.exitValue() + " (see its stderr above)");
      }
      List<String> lines = stdout.strip().lines().toList();
      if (lines.isEmpty()) {
        throw new RealControlPlaneException("provision.sh printed no bin directory");
      }
      Path binDir = Path.of(lines.get(lines.size() - 1).strip());
      if (!holdsKubeBinaries(binDir)) {
        throw new RealControlPlaneException("provision.sh reported " + binDir + " but it lacks the kube binaries");
      }
      return binDir;
    } catch (IOException e) {
      throw new RealControlPlaneException("cannot run provision.sh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RealControlPlaneException("interrupted while provisioning", e);
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // a leftover temp script is harmless
        }
      }
    }
  }

  private static Path extractProvisionScript() throws IOException {
    try (InputStream in = ControlPlaneBinaries.class.getResourceAsStream(PROVISION_SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new RealControlPlaneException("classpath resource " + PROVISION_SCRIPT_RESOURCE + " is missing");
      }
      Path script = Files.createTempFile("litellm-cp-provision-", ".sh");
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      return script;
    }
  }
}
