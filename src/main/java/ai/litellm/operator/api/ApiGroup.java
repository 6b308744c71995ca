package ai.litellm.operator.api;

/** The API group and version both CRDs are served under. */
public final class ApiGroup {
  public static final String GROUP = "litellm.litellm.ai";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /**
   * The operator's finalizer (kube.Finalizers): on Models, instances and an instance's {@code <n>-secrets}, whose
   * deletion waits for cleanup outside Kubernetes.
   */
  public static final String FINALIZER = GROUP + "/finalizer";

  private ApiGroup() {}
}
