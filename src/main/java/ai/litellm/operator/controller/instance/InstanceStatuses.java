package ai.litellm.operator.controller.instance;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMInstanceStatus;
import ai.litellm.operator.api.SharingSerialization;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.StatusComparison;
import ai.litellm.operator.render.ProxyConfigRenderer;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The LiteLLMInstance status as a pure function of what the reconcile observed. {@code Ready} is true only when the
 * Deployment is available with the desired replicas and every enabled child exists; {@code Progressing} while a rollout
 * is under way; {@code Degraded} when the spec or its dependencies are broken (the last good objects keep serving).
 */
final class InstanceStatuses {
  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String DEGRADED = "Degraded";
  /** Whether the proxy can store models added through its API (issue #14.9); Ready does not depend on it. */
  static final String MODEL_STORE = "ModelStore";

  private InstanceStatuses() {}

  /** What exists right now, as the five status flags report it. */
  record Children(boolean configMap, boolean secret, boolean deployment, boolean service, boolean ingress,
      boolean ingressWanted, boolean route, boolean routeWanted, String routeProblem) {}

  /** @param want the replica count to wait for (spec.replicas, or the autoscaler's choice) */
  static LiteLLMInstanceStatus observed(LiteLLMInstance inst, Children c, Deployment live, int want) {
    LiteLLMInstanceStatus s = copy(inst.getStatus());
    long gen = generation(inst);
    s.observedGeneration = gen;
    s.configMapCreated = c.configMap();
    s.secretCreated = c.secret();
    s.deploymentCreated = c.deployment();
    s.serviceCreated = c.service();
    s.ingressCreated = c.ingress();
    Rollout r = Rollout.of(live, want);
    boolean childrenPresent = c.configMap() && c.secret() && c.deployment() && c.service()
        && (!c.ingressWanted() || c.ingress()) && (!c.routeWanted() || c.route());
    if (c.routeProblem() != null) {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, "GatewayAPIUnavailable", c.routeProblem(),
          gen);
    } else if (!childrenPresent) {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, "ChildrenMissing",
          "waiting for " + missing(c), gen);
    } else if (!r.available()) {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, "DeploymentNotAvailable",
          "Deployment has " + r.availableReplicas() + "/" + want + " available replicas", gen);
    } else {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.TRUE, "Ready",
          "Deployment has " + r.availableReplicas() + "/" + want + " available replicas and every child exists", gen);
    }
    s.conditions = r.rollingOut()
        ? Conditions.set(s.conditions, PROGRESSING, Conditions.TRUE, "RollingOut",
            "Deployment has " + r.updatedReplicas() + "/" + want + " updated replicas", gen)
        : Conditions.set(s.conditions, PROGRESSING, Conditions.FALSE, "Stable", "no rollout in progress", gen);
    s.conditions = ProxyConfigRenderer.hasModelStore(inst.getSpec())
        ? Conditions.set(s.conditions, MODEL_STORE, Conditions.TRUE, "DatabaseConfigured",
            "the proxy stores Models added through its API in its database", gen)
        : Conditions.set(s.conditions, MODEL_STORE, Conditions.FALSE, "NoDatabase",
            "spec.databaseSecretRef is not set: the proxy serves spec.models[] from its config file but cannot store "
                + "Models added through its API; Models that use this instance report LiteLLMNoDatabase", gen);
    s.conditions = c.routeProblem() != null
        ? Conditions.set(s.conditions, DEGRADED, Conditions.TRUE, "GatewayAPIUnavailable", c.routeProblem(), gen)
        : Conditions.set(s.conditions, DEGRADED, Conditions.FALSE, "AsExpected", "the spec and its dependencies are valid",
            gen);
    return s;
  }

  /** Bad spec or missing dependency: the previous objects stay; Ready keeps its last truth, Degraded says why. */
  static LiteLLMInstanceStatus failed(LiteLLMInstance inst, String reason, String message) {
    LiteLLMInstanceStatus s = copy(inst.getStatus());
    long gen = generation(inst);
    s.observedGeneration = gen;
    s.conditions = Conditions.set(s.conditions, DEGRADED, Conditions.TRUE, reason, message, gen);
    s.conditions = Conditions.set(s.conditions, PROGRESSING, Conditions.FALSE, reason,
        "the last applied configuration keeps running: " + message, gen);
    if (Conditions.find(s.conditions, READY).isEmpty()) {
      s.conditions = Conditions.set(s.conditions, READY, Conditions.FALSE, reason, message, gen);
    }
    return s;
  }

  static boolean changed(LiteLLMInstanceStatus current, LiteLLMInstanceStatus next) {
    return StatusComparison.changed(current, next);
  }

  static LiteLLMInstanceStatus stamp(LiteLLMInstanceStatus s) {
    s.lastUpdated = Conditions.now();
    return s;
  }

  private static String missing(Children c) {
    StringBuilder b = new StringBuilder();
    if (!c.configMap()) b.append("ConfigMap ");
    if (!c.secret()) b.append("Secret ");
    if (!c.deployment()) b.append("Deployment ");
    if (!c.service()) b.append("Service ");
    if (c.ingressWanted() && !c.ingress()) b.append("Ingress ");
    if (c.routeWanted() && !c.route()) b.append("HTTPRoute ");
    return b.toString().trim();
  }

  private static LiteLLMInstanceStatus copy(LiteLLMInstanceStatus s) {
    return s == null ? new LiteLLMInstanceStatus() : SharingSerialization.copy(s);
  }

  private static long generation(LiteLLMInstance i) {
    return i.getMetadata().getGeneration() == null ? 0 : i.getMetadata().getGeneration();
  }
}
