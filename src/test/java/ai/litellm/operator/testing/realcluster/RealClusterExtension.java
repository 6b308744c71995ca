package ai.litellm.operator.testing.realcluster;

import ai.litellm.operator.sandbox.realcluster.ControlPlaneStartException;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.sandbox.realcluster.RealControlPlaneOptions;
import ai.litellm.operator.sandbox.realcluster.RunDirs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension of the real-cluster tier: one real control plane per test class (use via {@link RealCluster}).
 *
 * <p>Per class rather than per JVM: each class starts from an empty cluster (no CRDs, RBAC or objects left by
 * another class), and a failing class's logs belong to it alone. The price is ~11 s of start-up per class, which is
 * acceptable for a tier of a few heavy classes.
 *
 * <p>When the binaries are missing the class is skipped with instructions, or fails when {@code CI=true} so CI can
 * never silently lose the tier. When any test of the class fails (or start-up fails), the component logs are copied
 * to {@code target/real-cluster-logs/<TestClass>/}. Processes are always stopped in {@code afterAll}.
 */
public final class RealClusterExtension
    implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback, ParameterResolver {

  static final String PROVISION_HINT = "bash src/main/resources/control-plane/provision.sh";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealClusterExtension.class);
  private static final String CONTROL_PLANE = "controlPlane";
  private static final String CLIENT = "client";
  private static final String FAILED = "failed";

  private final Map<String, String> env;

  public RealClusterExtension() {
    this(System.getenv());
  }

  RealClusterExtension(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (context.getStore(NAMESPACE).get(CONTROL_PLANE) != null) {
      return; // a @Nested class reuses its enclosing class's cluster
    }
    requireBinaries(context.getRequiredTestClass(), RealControlPlane.binaries().isPresent());
    boolean withControllerManager =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealCluster.class)
            .map(RealCluster::controllerManager)
            .orElse(true);
    RealControlPlane controlPlane;
    try {
      controlPlane =
          RealControlPlane.start(RealControlPlaneOptions.builder().withControllerManager(withControllerManager).build());
    } catch (ControlPlaneStartException e) {
      keepLogs(context, e.logsDir());
      deleteQuietly(e.runDir());
      throw e;
    }
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    store.put(CONTROL_PLANE, controlPlane);
    store.put(CLIENT, new KubernetesClientBuilder().withConfig(controlPlane.adminConfig()).build());
  }

  /**
   * Fails (CI=true) or skips (elsewhere) the class when the control-plane binaries are not provisioned; also for
   * real-cluster classes that start their control plane another way (the sandbox command).
   */
  public void requireBinaries(Class<?> testClass, boolean present) {
    if (present) {
      return;
    }
    String message =
        "Real-cluster test " + testClass.getSimpleName() + " needs kube-apiserver/kube-controller-manager v1.20.2 "
            + "and etcd, which are not provisioned. Enable the real-cluster tier with: " + PROVISION_HINT
            + " (one-off, ~4 min, needs root for apt).";
    if ("true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
      throw new ExtensionConfigurationException("CI=true: refusing to skip. " + message);
    }
    System.err.println("\n**** SKIPPED real-cluster tier: " + message + " ****\n");
    Assumptions.abort(message);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      markFailed(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    RealControlPlane controlPlane = store.get(CONTROL_PLANE, RealControlPlane.class);
    // Only the class that started the cluster tears it down (get() above also sees an enclosing class's entry).
    if (controlPlane == null || context.getStore(NAMESPACE).remove(CONTROL_PLANE, RealControlPlane.class) == null) {
      return;
    }
    KubernetesClient client = store.remove(CLIENT, KubernetesClient.class);
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      controlPlane.stop(); // stop first so the copied logs include shutdown
      boolean failed = context.getExecutionException().isPresent() || Boolean.TRUE.equals(store.get(FAILED));
      if (failed) {
        keepLogs(context, controlPlane.logsDir());
      }
      controlPlane.close();
    }
  }

  private static void markFailed(ExtensionContext context) {
    // Record on the class-level store that owns the cluster, whichever (nested) context failed.
    ExtensionContext owner = context;
    while (owner.getParent().map(p -> p.getStore(NAMESPACE).get(CONTROL_PLANE) != null).orElse(false)) {
      owner = owner.getParent().get();
    }
    owner.getStore(NAMESPACE).put(FAILED, Boolean.TRUE);
  }

  private static void keepLogs(ExtensionContext context, Path logsDir) {
    Path target = logsTarget(context.getRequiredTestClass());
    try {
      RunDirs.copyRecursively(logsDir, target);
      System.err.println("real-cluster logs of " + context.getRequiredTestClass().getSimpleName() + " kept in " + target);
    } catch (IOException e) {
      System.err.println("could not copy real-cluster logs from " + logsDir + " to " + target + ": " + e);
    }
  }

  /** {@code target/real-cluster-logs/<TestClass>/} under the Maven base dir (surefire sets {@code basedir}). */
  static Path logsTarget(Class<?> testClass) {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return base.resolve("target").resolve("real-cluster-logs").resolve(testClass.getSimpleName());
  }

  private static void deleteQuietly(Path dir) {
    try {
      RunDirs.deleteRecursively(dir);
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == KubernetesClient.class || type == RealControlPlane.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    Object value = extensionContext.getStore(NAMESPACE).get(type == KubernetesClient.class ? CLIENT : CONTROL_PLANE);
    if (value == null) {
      throw new ParameterResolutionException("no real control plane is running for " + type.getSimpleName());
    }
    return value;
  }
}
