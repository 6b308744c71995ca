package ai.litellm.operator.sandbox.realcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a {@link RealControlPlane}. Immutable; build with {@link #builder()}.
 *
 * @param withControllerManager also run kube-controller-manager (garbage collection, namespace finalization, default
 *     ServiceAccounts); without it the apiserver runs with the ServiceAccount admission plugin disabled (envtest model)
 * @param binDir directory holding kube-apiserver and kube-controller-manager; empty = {@link ControlPlaneBinaries}
 *     lookup (env {@code LITELLM_CP_BIN_DIR}, then the provision cache)
 * @param etcdBinary etcd executable; empty = env {@code LITELLM_CP_ETCD}, then {@code /usr/bin/etcd}
 * @param runDirParent where the per-run directory is created; empty = the system temp directory
 * @param startTimeout upper bound for the whole start (PKI, etcd, apiserver, controller-manager readiness)
 * @param keepRunDir keep the run directory (PKI, etcd data, logs) after {@link RealControlPlane#close()}
 * @param apiServerPort kube-apiserver's port on 127.0.0.1; 0 = any free port
 */
public record RealControlPlaneOptions(
    boolean withControllerManager,
    Optional<Path> binDir,
    Optional<Path> etcdBinary,
    Optional<Path> runDirParent,
    Duration startTimeout,
    boolean keepRunDir,
    int apiServerPort) {

  /** Generous: a loaded 2-core machine shared by several builds can be several times slower than the ~11 s nominal. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

  public RealControlPlaneOptions {
    Objects.requireNonNull(binDir, "binDir");
    Objects.requireNonNull(etcdBinary, "etcdBinary");
    Objects.requireNonNull(runDirParent, "runDirParent");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
    }
    if (apiServerPort < 0 || apiServerPort > 65535) {
      throw new IllegalArgumentException("apiServerPort must be 0..65535: " + apiServerPort);
    }
  }

  /** Defaults: with controller-manager, binaries from the cache, temp run dir, deleted on close. */
  public static RealControlPlaneOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder for {@link RealControlPlaneOptions}. */
  public static final class Builder {
    private boolean withControllerManager = true;
    private Path binDir;
    private Path etcdBinary;
    private Path runDirParent;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private boolean keepRunDir;
    private int apiServerPort;

    private Builder() {}

    public Builder withControllerManager(boolean value) {
      this.withControllerManager = value;
      return this;
    }

    public Builder binDir(Path value) {
      this.binDir = value;
      return this;
    }

    public Builder etcdBinary(Path value) {
      this.etcdBinary = value;
      return this;
    }

    public Builder runDirParent(Path value) {
      this.runDirParent = value;
      return this;
    }

    public Builder startTimeout(Duration value) {
      this.startTimeout = value;
      return this;
    }

    public Builder keepRunDir(boolean value) {
      this.keepRunDir = value;
      return this;
    }

    public Builder apiServerPort(int value) {
      this.apiServerPort = value;
      return this;
    }

    public RealControlPlaneOptions build() {
      return new RealControlPlaneOptions(
          withControllerManager,
          Optional.ofNullable(binDir),
          Optional.ofNullable(etcdBinary),
          Optional.ofNullable(runDirParent),
          startTimeout,
          keepRunDir,
          apiServerPort);
    }
  }
}
