package ai.litellm.operator.helm;

import static ai.litellm.operator.helm.PodSpecs.containerPort;
import static ai.litellm.operator.helm.PodSpecs.env;
import static ai.litellm.operator.helm.PodSpecs.operatorContainer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** The chart with its default values: what a plain `helm install` creates. */
class ChartDefaultsTest {
  private static RenderedChart chart;
  private static Deployment deployment;

  @BeforeAll
  static void render() {
    chart = HelmChart.renderDefaults();
    deployment = chart.one(Deployment.class);
  }

  @Test
  void rendersOnlyTheCoreObjects() {
    assertEquals(Set.of("ClusterRole", "ClusterRoleBinding", "Deployment", "Role", "RoleBinding", "Service",
        "ServiceAccount"), chart.kinds());
    chart.objects.stream().filter(o -> !o.getKind().startsWith("Cluster"))
        .forEach(o -> assertEquals(HelmChart.NAMESPACE, o.getMetadata().getNamespace(), o.getKind()));
  }

  @Test
  void podRunsAsNonRootWithReadOnlyRootFilesystem() {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    assertEquals(65532L, pod.getSecurityContext().getRunAsUser());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());

    Container c = operatorContainer(deployment);
    assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
    assertEquals(Boolean.TRUE, c.getSecurityContext().getRunAsNonRoot());
    assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    // With a read-only root filesystem the JVM and Vert.x still need a writable /tmp.
    assertTrue(c.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath())));
    assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null));
    assertTrue(env(deployment).get("JAVA_TOOL_OPTIONS").contains("-Dvertx.cacheDirBase=/tmp/"));
  }

  @Test
  void probesCallTheManagementPort() {
    Container c = operatorContainer(deployment);
    assertEquals(8080, containerPort(c, "management"));
    assertProbe(c.getLivenessProbe(), "/healthz", c);
    assertProbe(c.getReadinessProbe(), "/readyz", c);
    assertProbe(c.getStartupProbe(), "/readyz", c);
    assertEquals("8080", env(deployment).get("LITELLM_OPERATOR_MANAGEMENT_PORT"));
  }

  private static void assertProbe(Probe probe, String path, Container c) {
    assertNotNull(probe, path);
    assertEquals(path, probe.getHttpGet().getPath());
    String port = probe.getHttpGet().getPort().getStrVal();
    assertEquals(8080, port == null ? probe.getHttpGet().getPort().getIntVal() : containerPort(c, port));
  }

  @Test
  void hasResourceRequestsAndAMemoryLimit() {
    var resources = operatorContainer(deployment).getResources();
    assertEquals(new Quantity("500m"), resources.getRequests().get("cpu"));
    assertEquals(new Quantity("1Gi"), resources.getRequests().get("memory"));
    assertEquals(new Quantity("1Gi"), resources.getLimits().get("memory"));
    assertTrue(env(deployment).get("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=75"));
    assertTrue(env(deployment).get("JAVA_TOOL_OPTIONS").contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
        "the image's measured JVM flags, not only the heap");
  }

  @Test
  void runsOneReplicaWithLeaderElectionOverAllNamespaces() {
    assertEquals(1, deployment.getSpec().getReplicas());
    Map<String, String> env = env(deployment);
    assertEquals("true", env.get("LITELLM_OPERATOR_LEADER_ELECT"));
    assertEquals("none", env.get("LITELLM_OPERATOR_SHARDING"));
    assertFalse(env.containsKey("LITELLM_OPERATOR_NAMESPACES"), "no namespaces: watch all");
    assertFalse(env.containsKey("LITELLM_OPERATOR_SHARD_INDEX"));
    assertEquals(List.of("run"), operatorContainer(deployment).getArgs());
    assertEquals("litellm-operator:" + ChartMetadata.appVersion(), operatorContainer(deployment).getImage());
  }

  @Test
  void podNameAndNamespaceComeFromTheDownwardApi() {
    Map<String, String> fieldPaths = new java.util.HashMap<>();
    for (EnvVar v : operatorContainer(deployment).getEnv()) {
      if (v.getValueFrom() != null && v.getValueFrom().getFieldRef() != null) {
        fieldPaths.put(v.getName(), v.getValueFrom().getFieldRef().getFieldPath());
      }
    }
    assertEquals(Map.of("POD_NAME", "metadata.name", "POD_NAMESPACE", "metadata.namespace"), fieldPaths);
  }

  @Test
  void clusterRoleRulesAreExactlyTheWatchedNamespaceRulesFile() throws IOException {
    List<PolicyRule> expected = new KubernetesSerialization().unmarshal(
        Files.readString(HelmChart.DIR.resolve("files/watched-namespace-rules.yaml")),
        new TypeReference<List<PolicyRule>>() {});
    assertFalse(expected.isEmpty());
    ClusterRole role = chart.all(ClusterRole.class).stream()
        .filter(r -> "ops-litellm-operator".equals(r.getMetadata().getName())).findFirst().orElseThrow();
    assertEquals(expected, role.getRules());
  }

  @Test
  void everyBindingNamesTheOperatorServiceAccountOnly() {
    ServiceAccount sa = chart.one(ServiceAccount.class);
    List<List<Subject>> subjects = new java.util.ArrayList<>();
    chart.all(ClusterRoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));
    chart.all(RoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));
    assertEquals(4, subjects.size(),
        "the ClusterRole, the kube-system rule, the Lease Role and the install Secret Role are bound");
    for (List<Subject> s : subjects) {
      assertEquals(1, s.size());
      assertEquals("ServiceAccount", s.get(0).getKind());
      assertEquals(sa.getMetadata().getName(), s.get(0).getName());
      assertEquals(HelmChart.NAMESPACE, s.get(0).getNamespace());
    }
    assertEquals(sa.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
  }

  @Test
  void managementServiceSelectsTheOperatorPodsOnTheManagementPort() {
    Service service = chart.one(Service.class);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
    var port = service.getSpec().getPorts().get(0);
    assertEquals(8080, port.getPort());
    assertEquals("management", port.getTargetPort().getStrVal());
    assertEquals("management", port.getName());
  }
}
