package ai.litellm.operator.render;

/**
 * Names of the objects one LiteLLMInstance owns. {@code <n>-secrets} (key {@code masterkey}), {@code <n>-service} and
 * {@code <n>-config}/{@code <n>-deployment} match the Go operator, so Model controllers and users written against it
 * keep working. See DESIGN.md for the full table.
 */
public final class InstanceNames {
  private InstanceNames() {}

  public static final int PORT = 4000;
  public static final String PORT_NAME = "http";
  public static final String CONTAINER = "litellm";
  public static final String CONFIG_KEY = "config.yaml";
  public static final String CONFIG_DIR = "/etc/litellm";
  public static final String CONFIG_VOLUME = "config";
  public static final String MASTER_KEY = "masterkey";
  public static final String SALT_KEY = "saltkey";
  /** Pod-template annotation whose change rolls the pods (see {@link ConfigHash}). */
  public static final String CONFIG_HASH_ANNOTATION = "litellm.litellm.ai/config-hash";
  /** The longest instance name for which {@code <n>-service} is still a valid (63-char DNS-1035) Service name. */
  public static final int MAX_NAME_LENGTH = 63 - "-service".length();

  public static String configMap(String instance) {
    return instance + "-config";
  }

  public static String secret(String instance) {
    return instance + "-secrets";
  }

  public static String deployment(String instance) {
    return instance + "-deployment";
  }

  public static String service(String instance) {
    return instance + "-service";
  }

  public static String ingress(String instance) {
    return instance + "-ingress";
  }

  public static String httpRoute(String instance) {
    return instance + "-route";
  }
}
