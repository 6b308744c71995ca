package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.List;
import java.util.Map;

/**
 * Blocking access to the Leases of the operator's namespace. {@link #create} and {@link #update} are compare-and-set:
 * they throw {@link LeaseConflictException} when the name exists or the resourceVersion is stale. Only ever called
 * on the sharding bridge's threads. An interface so tests can cut a replica off (a partition) without cutting the
 * API server for the others.
 */
public interface LeaseStore {
  /** The lease, or null when there is none. */
  Lease get(String name);

  List<Lease> list(Map<String, String> labels);

  Lease create(Lease lease);

  /** Replaces the lease if its resourceVersion is still current. */
  Lease update(Lease lease);

  void delete(String name);

  /** Someone else wrote first. */
  final class LeaseConflictException extends RuntimeException {
    public LeaseConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
