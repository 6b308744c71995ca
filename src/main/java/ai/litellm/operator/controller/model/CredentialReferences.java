package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.render.ConnectionTargets;
import ai.litellm.operator.render.CredentialPayloadRenderer;
import ai.litellm.operator.render.InvalidSpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which credential name on which proxy a Model uses and a Credential provides, as one key
 * {@code <credentialName>@<ConnectionTargets target>}: LiteLLM's credentials are per proxy, so a Model and a Credential
 * meet when they name the same credential on the same proxy (described alike by their connectionRefs, whatever their
 * namespaces). Both informers index by it ({@link #MODELS_INDEX}, {@link #CREDENTIALS_INDEX}): a Model finds its
 * Credential, a Credential counts its Models, and a deleting Credential sees who still uses it, all without a scan.
 */
final class CredentialReferences {
  /** On the Model informer: the credentials the Model names now (spec) or was last applied with (status). */
  static final String MODELS_INDEX = "credentialUsed";
  /** On the Credential informer: the credential it provides. */
  static final String CREDENTIALS_INDEX = "credentialProvided";

  private CredentialReferences() {}

  static String key(String credentialName, String target) {
    return credentialName + "@" + target;
  }

  /** The credential name a Model's spec names, or null. */
  static String nameUsed(Model m) {
    return m.getSpec() == null ? null : nonBlank(m.getSpec().litellmParams);
  }

  /**
   * The Model's index values: the credential its spec names, and the one its status says was applied when that differs
   * (a Model that moved off a credential still uses it in LiteLLM until its next sync).
   */
  static List<String> usedBy(Model m) {
    if (m.getMetadata() == null || m.getSpec() == null) {
      return List.of();
    }
    String target = ConnectionTargets.describe(m.getMetadata().getNamespace(), m.getSpec().connectionRef);
    if (target == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    String wanted = nameUsed(m);
    if (wanted != null) {
      out.add(key(wanted, target));
    }
    String applied = m.getStatus() == null ? null : nonBlank(m.getStatus().litellmParams);
    if (applied != null && !applied.equals(wanted)) {
      out.add(key(applied, target));
    }
    return out;
  }

  /** The Credential's index value: the name it provides on its proxy; none while its spec cannot say. */
  static List<String> providedBy(Credential c) {
    String key = provided(c);
    return key == null ? List.of() : List.of(key);
  }

  /** The key a Credential provides, or null when its name or connectionRef is invalid. */
  static String provided(Credential c) {
    if (c.getMetadata() == null || c.getSpec() == null) {
      return null;
    }
    String target = ConnectionTargets.describe(c.getMetadata().getNamespace(), c.getSpec().connectionRef);
    if (target == null) {
      return null;
    }
    try {
      return key(CredentialPayloadRenderer.name(c), target);
    } catch (InvalidSpecException e) {
      return null;
    }
  }

  /**
   * The instance a Credential reaches its proxy through ({@code namespace/name}), for {@link InstanceDependents#INDEX}:
   * a deleting instance keeps its proxy until its Credentials have deleted their credentials too.
   */
  static List<String> instanceOf(Credential c) {
    if (c.getMetadata() == null || c.getSpec() == null) {
      return List.of();
    }
    String target = ConnectionTargets.describe(c.getMetadata().getNamespace(), c.getSpec().connectionRef);
    String prefix = ConnectionTargets.INSTANCE + " ";
    return target != null && target.startsWith(prefix) ? List.of(target.substring(prefix.length())) : List.of();
  }

  private static String nonBlank(LiteLLMParams params) {
    String name = params == null ? null : params.litellmCredentialName;
    return name == null || name.isBlank() ? null : name;
  }
}
