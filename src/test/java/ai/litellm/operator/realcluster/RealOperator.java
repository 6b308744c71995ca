package ai.litellm.operator.realcluster;

import ai.litellm.operator.testing.Await;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.helm.ChartRbac;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.sandbox.DeploymentSimulator;
import ai.litellm.operator.sandbox.FakeProxyFleet;
import ai.litellm.operator.sandbox.PodReadinessSimulator;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real operator ({@link OperatorProcess}, the code of {@code litellm-operator run}) on a real control plane, running
 * as a ServiceAccount bound to exactly the RBAC the Helm chart renders (rendered by helm's own engine), with a fake LiteLLM proxy per instance and a stand-in
 * kubelet (there is none in the test cluster) that reports the operator's Deployments rolled out.
 *
 * <p>The operator can be stopped and started again (a restart); the Kubernetes request counters of every process it
 * ran are kept so a class can assert that no request was ever forbidden by RBAC.
 */
final class RealOperator implements AutoCloseable {
  static final String OPERATOR_NAMESPACE = ChartRbac.NAMESPACE;
  static final String SERVICE_ACCOUNT = "litellm-operator";
  private static final String KUBE_REQUESTS = "litellm_operator_kubernetes_requests";

  private final Config serviceAccountConfig;
  private final Vertx proxyVertx;
  private final FakeProxyFleet proxies;
  private final AutoCloseable kubelet;
  private final RbacDenials rbacDenials;
  private final List<MeterRegistry> registries = new ArrayList<>();
  private OperatorProcess process;

  private RealOperator(Config serviceAccountConfig, Vertx proxyVertx, FakeProxyFleet proxies, AutoCloseable kubelet,
      RbacDenials rbacDenials) {
    this.serviceAccountConfig = serviceAccountConfig;
    this.proxyVertx = proxyVertx;
    this.proxies = proxies;
    this.kubelet = kubelet;
    this.rbacDenials = rbacDenials;
  }

  /**
   * Installs the CRDs, binds the operator's ServiceAccount to the RBAC the chart renders with its defaults (all
   * namespaces) and prepares the fake proxies and kubelet. The operator itself starts with {@link #start}.
   */
  static RealOperator prepare(RealControlPlane cp, KubernetesClient admin, Supplier<FakeLiteLLMOptions> proxyTemplate) {
    return prepare(cp, admin, proxyTemplate, "", List.of());
  }

  /**
   * As above, with the RBAC the chart renders for {@code chartValues}.
   *
   * @param watched the namespaces those values watch (empty: all), to wait until the bindings took effect
   */
  static RealOperator prepare(RealControlPlane cp, KubernetesClient admin, Supplier<FakeLiteLLMOptions> proxyTemplate,
      String chartValues, List<String> watched) {
    ClusterSetup.installCrds(admin);
    ChartRbac rbac = ClusterSetup.grantChartRbac(admin, chartValues);
    if (!SERVICE_ACCOUNT.equals(rbac.serviceAccount())) {
      throw new IllegalStateException("the chart named the ServiceAccount " + rbac.serviceAccount());
    }
    Config sa = cp.configForServiceAccount(OPERATOR_NAMESPACE, SERVICE_ACCOUNT);
    awaitBindingEffective(sa, watched, grantsLeases(rbac));
    Vertx vertx = Vertx.vertx();
    // With kube-controller-manager the real Deployment controller owns Deployment status: make Pods Ready instead.
    AutoCloseable kubelet = cp.hasControllerManager() ? new PodReadinessSimulator(admin).start()
        : new DeploymentSimulator(admin, 200).start();
    return new RealOperator(sa, vertx, new FakeProxyFleet(vertx, proxyTemplate), kubelet,
        RbacDenials.watch(OPERATOR_NAMESPACE, SERVICE_ACCOUNT));
  }

  private static boolean grantsLeases(ChartRbac rbac) {
    return rbac.objects().stream().filter(Role.class::isInstance).map(Role.class::cast)
        .filter(r -> OPERATOR_NAMESPACE.equals(r.getMetadata().getNamespace()))
        .flatMap(r -> r.getRules().stream()).anyMatch(rule -> rule.getResources().contains("leases"));
  }

  /** The RBAC authorizer learns bindings through an informer: wait until the ServiceAccount may list what it watches. */
  private static void awaitBindingEffective(Config sa, List<String> watched, boolean leases) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(sa).build()) {
      List<Runnable> probes = new ArrayList<>();
      if (watched.isEmpty()) {
        probes.add(() -> client.resources(Model.class).inAnyNamespace().list());
      }
      watched.forEach(ns -> probes.add(() -> client.resources(Model.class).inNamespace(ns).list()));
      if (leases) {
        probes.add(() -> client.leases().inNamespace(OPERATOR_NAMESPACE).list());
      }
      Await.eventually("the operator's RBAC bindings to take effect", ClusterSetup.WAIT, () -> {
        try {
          probes.forEach(Runnable::run);
          return true;
        } catch (KubernetesClientException e) {
          if (e.getCode() == 403) {
            return false;
          }
          throw e;
        }
      });
    }
  }

  /**
   * The settings of the fast integration tests (short backoff and cache TTLs, management port 0), in the chart's
   * release namespace (where its Lease Role is).
   */
  static OperatorConfig testConfig() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.operatorNamespace = OPERATOR_NAMESPACE;
    return cfg;
  }

  /** Starts an operator process (as {@code litellm-operator run} does) and waits for its informers to sync. */
  OperatorProcess start(OperatorConfig cfg) {
    if (process != null) {
      throw new IllegalStateException("operator already running");
    }
    process = OperatorProcess.start(cfg, serviceAccountConfig, proxies);
    registries.add(process.registry());
    return process;
  }

  /** Graceful stop, as on SIGTERM. */
  void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** A crash ({@link OperatorProcess#kill()}): nothing is drained or released; {@link #start} may follow. */
  void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  OperatorProcess process() {
    return process;
  }

  FakeProxyFleet proxies() {
    return proxies;
  }

  /** The fake proxy of an instance (null until some Model resolved it). */
  FakeLiteLLM proxy(String namespace, String instance) {
    return proxies.proxy(namespace, instance);
  }

  /** A client authenticated as the operator's ServiceAccount. */
  KubernetesClient serviceAccountClient() {
    return new KubernetesClientBuilder().withConfig(serviceAccountConfig).build();
  }

  /** Kubernetes requests of every operator process so far whose outcome matches, e.g. code 403. */
  long requests(Predicate<String> verb, Predicate<String> code) {
    long total = 0;
    for (MeterRegistry r : registries) {
      for (Counter c : r.find(KUBE_REQUESTS).counters()) {
        if (verb.test(c.getId().getTag("verb")) && code.test(c.getId().getTag("code"))) {
          total += (long) c.count();
        }
      }
    }
    return total;
  }

  /**
   * Requests answered 403 over every operator process of this class. Besides RBAC denials this includes writes into a
   * terminating namespace; see {@link #rbacDenials()}.
   */
  long forbiddenRequests() {
    return requests(v -> true, "403"::equals);
  }

  /** Every RBAC denial of the operator's ServiceAccount logged in this JVM since {@link #prepare}. */
  List<String> rbacDenials() {
    return rbacDenials.denials();
  }

  boolean isRbacDenial(String text) {
    return rbacDenials.isDenial(text);
  }

  /** A counter of the running process summed over tags, e.g. "workqueue.retries" for controller "model". */
  double counter(String name, String tagKey, String tagValue) {
    return process.registry().find(name).tag(tagKey, tagValue).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      rbacDenials.close();
      try {
        kubelet.close();
      } catch (Exception e) {
        // closing anyway
      }
      try {
        proxies.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing anyway
      }
      proxyVertx.close();
    }
  }
}
