package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.CredentialStatus;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.render.ConnectionTargets;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Whether the credential a Model names ({@code spec.litellmParams.litellmCredentialName}) is there for it (issue #17.3).
 * LiteLLM resolves the name at each request and silently sends nothing when it does not know it, so a Model synced
 * before its credential would look Ready and fail every call. The Model therefore waits, as {@code CredentialNotReady},
 * until a Credential providing that name on the same proxy ({@link CredentialReferences}) is Ready for its current
 * generation and lets the Model's namespace use it (the same grant as for Secrets and instances). A credential managed
 * outside the operator (LiteLLM's UI, its config file) is declared with the annotation {@value #EXTERNAL}.
 */
final class CredentialGate {
  static final String CREDENTIAL_NOT_READY = "CredentialNotReady";
  /** On a Model: its credential is managed outside the operator, so it does not wait for a Credential. */
  static final String EXTERNAL = "litellm.litellm.ai/external-credential";

  private final Function<String, List<String>> providers;
  private final BiFunction<String, String, Credential> credentials;
  private final ReferenceNamespaces namespaces;

  /**
   * @param providers the keys of the Credentials providing a {@link CredentialReferences#key}, from the index
   * @param credentials a Credential by namespace and name from the cache (null when absent)
   */
  CredentialGate(Function<String, List<String>> providers, BiFunction<String, String, Credential> credentials,
      ReferenceNamespaces namespaces) {
    this.providers = providers;
    this.credentials = credentials;
    this.namespaces = namespaces;
  }

  /** Null when the Model may sync; else why not, for its Ready condition. */
  String whyNotReady(Model m) {
    String name = CredentialReferences.nameUsed(m);
    Map<String, String> annotations = m.getMetadata().getAnnotations();
    if (name == null || annotations != null && "true".equals(annotations.get(EXTERNAL))) {
      return null;
    }
    String own = m.getMetadata().getNamespace();
    String target = ConnectionTargets.describe(own, m.getSpec().connectionRef);
    if (target == null) {
      return null; // no proxy named: the connection step says so
    }
    List<String> why = new ArrayList<>();
    for (String key : providers.apply(CredentialReferences.key(name, target))) {
      int slash = key.indexOf('/');
      Credential c = credentials.apply(key.substring(0, slash), key.substring(slash + 1));
      if (c == null) {
        continue;
      }
      if (!namespaces.allows(own, c.getMetadata().getNamespace(), c.getMetadata().getAnnotations())) {
        why.add("Credential " + key + " does not allow use from namespace " + own + " (annotation "
            + ReferenceNamespaces.GRANT + ")");
      } else if (c.getMetadata().getDeletionTimestamp() != null) {
        why.add("Credential " + key + " is being deleted");
      } else if (readyNow(c)) {
        return null;
      } else {
        why.add("Credential " + key + " is not Ready" + reason(c.getStatus()));
      }
    }
    if (why.isEmpty()) {
      return "no Credential provides \"" + name + "\" on " + target + " (spec.litellmParams.litellmCredentialName):"
          + " create one with spec.credentialName \"" + name + "\" on the same proxy, or annotate the Model " + EXTERNAL
          + "=true if the credential is managed outside the operator";
    }
    return "credential \"" + name + "\": " + String.join("; ", why);
  }

  /**
   * Ready and stored under the name it provides now. Not tied to the current generation: a Credential whose edit is
   * not reconciled yet still serves under its applied name (a Model woken between the edit and its reconcile would
   * otherwise wait for a wake-up that, the verdict being unchanged, never comes).
   */
  static boolean readyNow(Credential c) {
    CredentialStatus s = c.getStatus();
    if (s == null || !Conditions.isTrue(s.conditions, CredentialStatuses.READY) || s.credentialName == null) {
      return false;
    }
    String provided = CredentialReferences.provided(c);
    return provided != null && provided.startsWith(s.credentialName + "@");
  }

  private static String reason(CredentialStatus s) {
    if (s == null) {
      return " yet";
    }
    return Conditions.find(s.conditions, CredentialStatuses.READY).map(Condition::getReason)
        .map(r -> " (" + r + ")").orElse(" yet");
  }
}
