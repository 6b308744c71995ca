package ai.litellm.operator.helm;

import ai.litellm.operator.helm.OperatorAccess.Access;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;

/**
 * What the API server's authorizer says about the caller (the operator's ServiceAccount): `kubectl auth can-i` for one
 * request (SelfSubjectAccessReview) and `kubectl auth can-i --list` for a namespace (SelfSubjectRulesReview).
 */
final class AccessReviews {
  /** What every authenticated user may do (system:basic-user): reviewing its own access. Not the chart's doing. */
  private static final Set<String> SELF_REVIEWS = Set.of("selfsubjectaccessreviews", "selfsubjectrulesreviews");

  private final KubernetesClient caller;

  AccessReviews(KubernetesClient caller) {
    this.caller = caller;
  }

  /** Whether the caller may make this request in {@code namespace} ("" for cluster scope / all namespaces). */
  boolean allowed(String namespace, Access a) {
    SelfSubjectAccessReview review = caller.authorization().v1().selfSubjectAccessReview().create(
        new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
            .withNamespace(namespace).withVerb(a.verb()).withGroup(a.group()).withResource(a.resourceOnly())
            .withSubresource(a.subresource()).withName(a.name())
            .endResourceAttributes().endSpec().build());
    return Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  /** Every resource permission the caller holds in {@code namespace}, cluster-wide rules included. */
  Set<Access> rules(String namespace) {
    SelfSubjectRulesReview review = caller.authorization().v1().selfSubjectRulesReview().create(
        new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(namespace).endSpec().build());
    if (Boolean.TRUE.equals(review.getStatus().getIncomplete())) {
      throw new AssertionError("incomplete rules review in " + namespace + ": "
          + review.getStatus().getEvaluationError());
    }
    List<PolicyRule> rules = review.getStatus().getResourceRules().stream()
        .filter(r -> !SELF_REVIEWS.containsAll(r.getResources()))
        .map(AccessReviews::policyRule).toList();
    return OperatorAccess.flatten(rules);
  }

  private static PolicyRule policyRule(ResourceRule r) {
    return new PolicyRuleBuilder().withApiGroups(r.getApiGroups()).withResources(r.getResources())
        .withVerbs(r.getVerbs()).withResourceNames(r.getResourceNames()).build();
  }
}
