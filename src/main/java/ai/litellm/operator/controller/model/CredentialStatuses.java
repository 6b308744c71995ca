package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.api.SharingSerialization;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.StatusComparison;
import java.util.List;

/**
 * A Credential's status as a pure function of what its reconcile found. Conditions: {@code Ready} (Models may use it),
 * {@code Synced} (LiteLLM holds what the spec and Secret say). Never a value: names, the proxy, a keyed hash and a
 * count only.
 */
final class CredentialStatuses {
  static final String READY = "Ready";
  static final String SYNCED = "Synced";
  /** Ready's reason while a deleting Credential waits for the Models that use it. */
  static final String IN_USE = "CredentialInUse";
  /** Another Credential (or someone else) provides the same name on the same proxy. */
  static final String NAME_CONFLICT = "CredentialNameConflict";

  private CredentialStatuses() {}

  /** Whether the status records {@code appliedHash} as applied for the current generation, on {@code connection}. */
  static boolean applied(Credential c, String name, String connection, String appliedHash) {
    CredentialStatus s = c.getStatus();
    return s != null && appliedHash.equals(s.appliedHash) && name.equals(s.credentialName)
        && connection.equals(s.connection) && s.observedGeneration != null
        && s.observedGeneration.equals(c.getMetadata().getGeneration()) && Conditions.isTrue(s.conditions, SYNCED);
  }

  static CredentialStatus synced(Credential c, String name, String connection, String appliedHash,
      List<String> appliedKeys, int modelCount) {
    CredentialStatus s = copy(c.getStatus());
    long gen = generation(c);
    s.observedGeneration = gen;
    s.credentialName = name;
    s.connection = connection;
    s.appliedHash = appliedHash;
    s.appliedKeys = appliedKeys;
    s.modelCount = modelCount;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.TRUE, "Synced", "stored in LiteLLM via "
        + connection, gen);
    s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.TRUE, "Synced", "LiteLLM holds the values of the"
        + " Secret and the credentialInfo of the spec", gen);
    return s;
  }

  /**
   * A failure keeps what was applied and says why it is not in sync. With {@code stillServes} (a transient problem,
   * while the credential stored under the same name on the same proxy is this Credential's), Ready stays True: the
   * credential in LiteLLM is still good, and turning Ready off would flip every Model that uses it twice for a blip.
   */
  static CredentialStatus failed(Credential c, String reason, String message, int modelCount, boolean stillServes) {
    CredentialStatus s = copy(c.getStatus());
    long gen = generation(c);
    s.observedGeneration = gen;
    s.modelCount = modelCount;
    if (!stillServes) {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, reason, message, gen);
    }
    s.conditions = Conditions.set(s.conditions, SYNCED, Conditions.FALSE, reason, message, gen);
    return s;
  }

  /** Being deleted while Models use it: Ready says who; the credential stays in LiteLLM. */
  static CredentialStatus inUse(Credential c, String message, int modelCount) {
    CredentialStatus s = copy(c.getStatus());
    long gen = generation(c);
    s.observedGeneration = gen;
    s.modelCount = modelCount;
    s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, IN_USE, message, gen);
    return s;
  }

  /** A rename waits for the Models of the old name: {@code previous} stays in LiteLLM until none uses it. */
  static CredentialStatus withPrevious(CredentialStatus s, String previous) {
    s.previousCredentialName = previous;
    return s;
  }

  static boolean changed(CredentialStatus current, CredentialStatus next) {
    return StatusComparison.changed(current, next);
  }

  static CredentialStatus stamp(CredentialStatus s) {
    s.lastUpdated = Conditions.now();
    return s;
  }

  private static CredentialStatus copy(CredentialStatus s) {
    return s == null ? new CredentialStatus() : SharingSerialization.copy(s);
  }

  private static long generation(Credential c) {
    return c.getMetadata().getGeneration() == null ? 0L : c.getMetadata().getGeneration();
  }
}
