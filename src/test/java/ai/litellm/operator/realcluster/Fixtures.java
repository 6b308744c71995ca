package ai.litellm.operator.realcluster;

import ai.litellm.operator.testing.Await;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.it.SandboxFixture;
import ai.litellm.operator.kube.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Object builders and waits of the real-cluster suite (waits are minutes long: the machine is small and shared). */
final class Fixtures {
  private Fixtures() {}

  static LiteLLMInstance instance(String ns, String name) {
    return SandboxFixture.instance(ns, name);
  }

  static Model model(String ns, String name, String instance) {
    return SandboxFixture.model(ns, name, instance, "openai/" + name);
  }

  static Model getModel(KubernetesClient c, String ns, String name) {
    return c.resources(Model.class).inNamespace(ns).withName(name).get();
  }

  static LiteLLMInstance getInstance(KubernetesClient c, String ns, String name) {
    return c.resources(LiteLLMInstance.class).inNamespace(ns).withName(name).get();
  }

  static boolean isReady(Model m) {
    return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
  }

  static boolean isReady(LiteLLMInstance i) {
    return i != null && i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions, "Ready");
  }

  static void awaitModelReady(KubernetesClient c, String ns, String name) {
    Await.eventually("Model " + ns + "/" + name + " Ready", ClusterSetup.WAIT, () -> isReady(getModel(c, ns, name)),
        () -> yaml(getModel(c, ns, name)));
  }

  static void awaitInstanceReady(KubernetesClient c, String ns, String name) {
    Await.eventually("LiteLLMInstance " + ns + "/" + name + " Ready", ClusterSetup.WAIT,
        () -> isReady(getInstance(c, ns, name)), () -> yaml(getInstance(c, ns, name)));
  }

  static String yaml(HasMetadata obj) {
    return obj == null ? "<absent>" : Serialization.asYaml(obj);
  }
}
