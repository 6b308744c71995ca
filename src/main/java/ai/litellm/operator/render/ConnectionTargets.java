package ai.litellm.operator.render;

import ai.litellm.operator.api.ConnectionRef;

/**
 * Which proxy a {@code connectionRef} names, as one comparable string: {@code "Secret ns/name"} (a connection Secret
 * with url + masterkey; it wins when both are set) or {@code "LiteLLMInstance ns/name"}. Namespaces default to the
 * referrer's own. A Credential and a Model are on "the same proxy" when their connectionRefs describe alike: the one
 * rule both controllers apply, decided from the specs alone (no Secret read, no URL).
 */
public final class ConnectionTargets {
  public static final String SECRET = "Secret";
  public static final String INSTANCE = "LiteLLMInstance";

  private ConnectionTargets() {}

  /** The target, or null when the ref names neither a Secret nor an instance. */
  public static String describe(String ownNamespace, ConnectionRef ref) {
    if (ref == null) {
      return null;
    }
    if (ref.secretRef != null && !blank(ref.secretRef.secretName)) {
      return SECRET + " " + namespace(ownNamespace, ref.secretRef.namespace) + "/" + ref.secretRef.secretName;
    }
    if (ref.instanceRef != null && !blank(ref.instanceRef.name)) {
      return INSTANCE + " " + namespace(ownNamespace, ref.instanceRef.namespace) + "/" + ref.instanceRef.name;
    }
    return null;
  }

  /** Whether {@code target} is the LiteLLMInstance {@code namespace/name}. */
  public static boolean isInstance(String target, String namespace, String name) {
    return (INSTANCE + " " + namespace + "/" + name).equals(target);
  }

  private static String namespace(String own, String requested) {
    return blank(requested) ? own : requested;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
