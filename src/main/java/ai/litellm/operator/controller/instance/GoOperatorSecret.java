package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.SecretReader.SecretData;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.ObjectMetas;
import java.util.Map;
import java.util.Optional;

/**
 * An instance's {@code <n>-secrets} as the Go operator left it (issue #14.8): key {@code masterkey}, no
 * {@code saltkey}, and not our kept Secret (which always carries the keep annotation and both keys). The Go operator set
 * no LITELLM_SALT_KEY, so LiteLLM encrypted every stored credential with the master key: that value is the effective
 * salt and must become the salt key, or those credentials become unreadable. Once written, the salt key is kept like
 * any other (it never follows a later master-key change).
 */
final class GoOperatorSecret {
  private GoOperatorSecret() {}

  static boolean is(Optional<SecretData> secret) {
    if (secret.isEmpty()) {
      return false;
    }
    Map<String, String> data = secret.get().data();
    Map<String, String> annotations = secret.get().annotations();
    String master = data.get(InstanceNames.MASTER_KEY);
    boolean keptByUs = annotations != null && "keep".equals(annotations.get(ObjectMetas.RESOURCE_POLICY));
    return master != null && !master.isBlank() && !data.containsKey(InstanceNames.SALT_KEY) && !keptByUs;
  }

  /** The salt LiteLLM used behind the Go operator: the master key it was given. */
  static String effectiveSalt(SecretData secret) {
    return secret.data().get(InstanceNames.MASTER_KEY);
  }
}
