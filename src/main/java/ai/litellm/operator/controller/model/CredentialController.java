package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.eventlog.EventLog;
import ai.litellm.operator.kube.InformerSet;

/**
 * The Credential half of this package (issue #17): its informers and its topic, whose partitions run
 * {@link CredentialReconciler} one key at a time. It lives beside the Model controller, not in a sibling package,
 * because the two meet at every step: both resolve a proxy the same way and call it through the same per-proxy limits
 * ({@link ConnectionResolver}, {@link LiteLLMCalls}); a Model waits for its Credential ({@link CredentialGate}); a
 * Credential counts and outlives its Models ({@link CredentialReferences}). {@link ModelController} wires both.
 */
public final class CredentialController {
  public static final String TOPIC = "credential";
  public static final String KIND = "Credential";

  private final InformerSet<Credential> credentials;
  private final EventLog<CredentialState> log;
  private final CredentialDependents dependents;
  private final CredentialUsage usage;

  CredentialController(InformerSet<Credential> credentials, EventLog<CredentialState> log,
      CredentialDependents dependents, CredentialUsage usage) {
    this.credentials = credentials;
    this.log = log;
    this.dependents = dependents;
    this.usage = usage;
  }

  public InformerSet<Credential> credentials() {
    return credentials;
  }

  public EventLog<CredentialState> log() {
    return log;
  }

  /** Credentials whose readiness verdict is remembered (memory gauge: follows the Credentials watched). */
  public int verdicts() {
    return dependents.remembered();
  }

  /** Credential names whose users changed and whose Credentials are told shortly (memory gauge). */
  public int pendingUsage() {
    return usage.pending();
  }

  void forgetNamespace(String namespace) {
    dependents.forgetNamespace(namespace);
  }
}
