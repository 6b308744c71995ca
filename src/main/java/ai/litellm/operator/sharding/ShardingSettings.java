package ai.litellm.operator.sharding;

import ai.litellm.operator.config.OperatorConfig;
import java.time.Duration;

/** The sharding part of the configuration, validated. */
public record ShardingSettings(String ring, String identity, Duration leaseDuration, Duration renewDeadline,
    Duration retryPeriod, int virtualNodes, Duration drainTimeout, int maxParallelHandoffs) {

  public ShardingSettings {
    if (!(retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0)) {
      // The fencing argument needs renewDeadline < leaseDuration (a replica stops before others may start) and a
      // retry period that fits several attempts into the renew deadline.
      throw new IllegalArgumentException("need retryPeriod < renewDeadline < leaseDuration, got " + retryPeriod + ", "
          + renewDeadline + ", " + leaseDuration);
    }
  }

  public static ShardingSettings of(OperatorConfig cfg) {
    return new ShardingSettings(cfg.leaseName, cfg.identity, cfg.leaseDuration, cfg.renewDeadline, cfg.retryPeriod,
        cfg.virtualNodes, cfg.shardDrainTimeout, cfg.shardMaxParallelHandoffs);
  }
}
