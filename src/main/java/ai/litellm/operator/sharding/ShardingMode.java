package ai.litellm.operator.sharding;

import io.vertx.core.Future;
import java.time.Duration;

/** How a replica decides what it reconciles: everything, a static slice, a ring slice, or everything while leading. */
public interface ShardingMode {
  /** Begins (returns once the replica has joined; namespaces may still be arriving). */
  Future<Void> start();

  /** Clean leave: stop work, drain, hand everything back (release claims / leadership), leave the ring. */
  Future<Void> stop(Duration maxWait);

  /** Crash simulation and last-resort stop: timers cancelled, nothing released (others wait for expiry). */
  void abandon();
}
