package ai.litellm.operator.controller.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a Model's references (modelSecretRef, connectionRef.secretRef, connectionRef.instanceRef) point, and whether
 * it may use them. The namespace defaults to the Model's own. Another namespace is allowed only by a **grant owned by
 * the target namespace** — in the spirit of Gateway API's ReferenceGrant — the annotation {@value #GRANT} on the
 * Secret or LiteLLMInstance, listing the namespaces that may refer to it (or {@code *}); or, for clusters that want
 * the old behaviour, the operator flag {@code --allow-cross-namespace-refs}. The operator can read Secrets in every
 * namespace it watches, so honouring a reference without the target's consent would let whoever can create a Model in
 * one namespace borrow credentials from another (the confused deputy of original-go-operator.md §7.12).
 */
final class ReferenceNamespaces {
  static final String FORBIDDEN_REASON = "CrossNamespaceReference";
  /** On a Secret or LiteLLMInstance: the namespaces whose Models may refer to it, comma separated, or "*". */
  static final String GRANT = "litellm.litellm.ai/allowed-referrers";

  private final boolean allowCrossNamespace;

  ReferenceNamespaces(boolean allowCrossNamespace) {
    this.allowCrossNamespace = allowCrossNamespace;
  }

  /**
   * A resolved reference: the target's namespace, and the field that named it (for messages).
   *
   * @param crossNamespace whether it leaves the Model's namespace (then it needs a grant or the flag)
   */
  record Target(String namespace, boolean crossNamespace, String field) {}

  /**
   * @param field the spec path, for the message
   * @param requested the namespace the reference names, null or empty for the Model's own
   */
  Target resolve(HasMetadata model, String field, String requested) {
    String own = model.getMetadata().getNamespace();
    if (requested == null || requested.isEmpty() || requested.equals(own)) {
      return new Target(own, false, field);
    }
    return new Target(requested, true, field);
  }

  /**
   * Checks the target object's consent once it was read.
   *
   * @param what e.g. "Secret ns/name", for the message
   * @param annotations the target's annotations (null when none)
   * @throws ModelProblem (permanent; heals when a grant appears: it waits on the target, see {@link ParkedDependents},
   *     and the slow re-check) when not allowed
   */
  void checkGrant(HasMetadata model, Target target, String what, Map<String, String> annotations) {
    String own = model.getMetadata().getNamespace();
    if (!target.crossNamespace() || allows(own, target.namespace(), annotations)) {
      return;
    }
    {
      throw ModelProblem.permanent(FORBIDDEN_REASON, target.field() + " names " + what + " in namespace "
          + target.namespace() + ", which does not allow references from namespace " + own + ": its owner can allow "
          + "them with the annotation " + GRANT + ": \"" + own + "\" on it (the operator flag "
          + "--allow-cross-namespace-refs allows every reference)").waitingOn(dependency(target, what));
    }
  }

  /**
   * Whether an object in {@code targetNamespace} with {@code annotations} may be used from {@code referrerNamespace}:
   * the same namespace, the operator flag, or the object's grant annotation listing it (or {@code *}).
   */
  boolean allows(String referrerNamespace, String targetNamespace, Map<String, String> annotations) {
    if (referrerNamespace.equals(targetNamespace) || allowCrossNamespace) {
      return true;
    }
    String grant = annotations == null ? null : annotations.get(GRANT);
    return grant != null && Arrays.stream(grant.split(",")).map(String::trim)
        .anyMatch(ns -> ns.equals("*") || ns.equals(referrerNamespace));
  }

  /** The {@link ParkedDependents} key of the target: {@code what} is "&lt;Kind&gt; &lt;name&gt;". */
  private static String dependency(Target target, String what) {
    int space = what.indexOf(' ');
    return what.substring(0, space) + " " + target.namespace() + "/" + what.substring(space + 1);
  }
}
