package ai.litellm.operator.config;

import java.time.Duration;
import java.util.List;

/**
 * The operator's settings as plain fields, read by the whole code base. {@code new OperatorConfig()} holds the
 * defaults of {@link Settings} (the one place that says each setting's default, flag, variable and meaning); the
 * command line fills it from flags and LITELLM_OPERATOR_* environment variables; tests and the sandbox set fields
 * directly. Every public field has its row in {@link Settings}.
 */
public final class OperatorConfig {
  public List<String> namespaces;
  public String operatorNamespace;
  public String identity;
  /** Empty: derived at start from the cluster (see kube.InstallIdentity). */
  public String installId;

  public int partitions;
  public int modelConcurrency;
  public int instanceConcurrency;
  public Duration backoffBase;
  public Duration backoffCap;
  public Duration resyncPeriod;
  public Duration driftInterval;
  public Duration consistencyGrace;
  public int unreachableAfterPasses;
  public Duration instanceDeletionGrace;
  public Duration secretCacheTtl;

  public boolean allowCrossNamespaceRefs;

  public double kubeWriteQps;
  public int kubeWriteBurst;
  public int kubeWriteMaxInFlight;
  public int kubeThreads;
  public int kubeMaxConcurrentRequests;

  public double litellmRps;
  public int litellmBurst;
  public int litellmMaxInFlight;
  public int litellmWaitQueue;
  public Duration litellmTimeout;
  public String clusterDomain;

  /** "debug", "info", "warn" or "error" (see {@link Settings}). */
  public String logLevel;
  /** "text" or "json". */
  public String logFormat;

  public String managementHost;
  public int managementPort;

  public String gatewayParentName;
  public String gatewayParentNamespace;
  public String gatewayParentSectionName;
  public String ingressClassName;

  public boolean leaderElection;
  public String leaseName;
  public Duration leaseDuration;
  public Duration renewDeadline;
  public Duration retryPeriod;

  /** "none", "ring" or "static" (see {@link Settings}). */
  public String shardingMode;
  public int shardIndex;
  public int shardCount;
  public int virtualNodes;
  public Duration shardDrainTimeout;
  public int shardMaxParallelHandoffs;

  /** The defaults. */
  public OperatorConfig() {
    for (Setting s : Settings.ALL) {
      s.apply(this, s.defaultValue());
    }
  }

  public OperatorConfig copy() {
    OperatorConfig c = new OperatorConfig();
    for (var f : OperatorConfig.class.getFields()) {
      try {
        f.set(c, f.get(this));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return c;
  }
}
