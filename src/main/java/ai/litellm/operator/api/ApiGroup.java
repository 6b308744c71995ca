package ai.litellm.operator.api;

/** The API group and version both CRDs are served under. */
public final class ApiGroup {
  public static final String GROUP = "litellm.litellm.ai";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private ApiGroup() {}
}
