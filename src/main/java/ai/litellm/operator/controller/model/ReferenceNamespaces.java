package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Model;

/**
 * Where a Model's references (modelSecretRef, connectionRef.secretRef, connectionRef.instanceRef) point. The namespace
 * defaults to the Model's own. Another namespace is refused unless the operator allows it: the operator can read every
 * Secret of the cluster, so honouring any namespace would let whoever can create a Model in one namespace borrow
 * credentials from another (the confused deputy of original-go-operator.md §7.12).
 */
final class ReferenceNamespaces {
  static final String FORBIDDEN_REASON = "CrossNamespaceReference";

  private final boolean allowCrossNamespace;

  ReferenceNamespaces(boolean allowCrossNamespace) {
    this.allowCrossNamespace = allowCrossNamespace;
  }

  /**
   * @param field the spec path, for the message
   * @param requested the namespace the reference names, null or empty for the Model's own
   * @throws ModelProblem (permanent) when it names another namespace and that is not allowed
   */
  String resolve(Model model, String field, String requested) {
    String own = model.getMetadata().getNamespace();
    if (requested == null || requested.isEmpty() || requested.equals(own)) {
      return own;
    }
    if (!allowCrossNamespace) {
      throw ModelProblem.permanent(FORBIDDEN_REASON, field + " names namespace " + requested
          + " but a Model may only reference objects in its own namespace (" + own
          + "); the operator flag --allow-cross-namespace-refs lifts this");
    }
    return requested;
  }
}
