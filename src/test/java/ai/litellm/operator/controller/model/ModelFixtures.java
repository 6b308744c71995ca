package ai.litellm.operator.controller.model;

import static ai.litellm.operator.testing.Await.await;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Helpers for the Model integration tests (it/Model*IT): models, connections, fake proxies, what they recorded. */
public final class ModelFixtures {
  private ModelFixtures() {}

  /** A standalone fake proxy on the test's own Vert.x, for connectionRef.secretRef Models. */
  public static FakeLiteLLM startFake(Vertx vertx, FakeLiteLLMOptions options) {
    return await(FakeLiteLLM.start(vertx, options));
  }

  /** A Model reaching its proxy through a Secret with url + masterkey. */
  public static Model viaSecret(String ns, String name, String connectionSecret, String providerModel) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    m.getSpec().modelName = name;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.secretRef = new SecretRef(null, connectionSecret);
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = providerModel;
    return m;
  }

  public static Model get(KubernetesClient c, String ns, String name) {
    return c.resources(Model.class).inNamespace(ns).withName(name).get();
  }

  public static boolean ready(KubernetesClient c, String ns, String name) {
    Model m = get(c, ns, name);
    return m != null && m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, "Ready");
  }

  /** The reason of a condition, or null. */
  public static String reason(Model m, String type) {
    if (m == null || m.getStatus() == null) {
      return null;
    }
    return Conditions.find(m.getStatus().conditions, type).map(Condition::getReason).orElse(null);
  }

  public static String reason(KubernetesClient c, String ns, String name, String type) {
    return reason(get(c, ns, name), type);
  }

  /** The DB row of the model with this public name, if the fake has one. */
  public static Optional<JsonObject> row(FakeLiteLLM fake, String modelName) {
    return fake.models().stream().filter(j -> modelName.equals(j.getString("model_name"))).findFirst();
  }

  public static long rows(FakeLiteLLM fake, String modelName) {
    return fake.models().stream().filter(j -> modelName.equals(j.getString("model_name"))).count();
  }

  public static JsonObject params(FakeLiteLLM fake, String modelName) {
    return row(fake, modelName).orElseThrow(() -> new AssertionError("no model " + modelName + " in LiteLLM"))
        .getJsonObject("litellm_params");
  }

  /** Calls that change LiteLLM: create, update, patch, delete. */
  public static List<RecordedCall> writes(FakeLiteLLM fake) {
    return fake.calls().stream().filter(ModelFixtures::isWrite).toList();
  }

  public static boolean isWrite(RecordedCall call) {
    return call.path().equals("/model/new") || call.path().equals("/model/delete")
        || call.path().equals("/model/update") || call.path().endsWith("/update");
  }

  /** Kubernetes Events with this reason about the named object. */
  public static List<Event> events(KubernetesClient c, String ns, String name, String reason) {
    return c.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  /** What a periodic resync does: a low-priority "look again" for the key, nothing changed. */
  public static void publishResync(Sandbox sandbox, Model m) {
    sandbox.operator().operator().models().log().publish(new ResourceEvent("Model", m.getMetadata().getNamespace(),
        m.getMetadata().getName(), m.getMetadata().getUid(), m.getMetadata().getResourceVersion(),
        m.getMetadata().getGeneration() == null ? 0 : m.getMetadata().getGeneration(), EventType.RESYNC,
        System.currentTimeMillis()));
  }

  /** Reconcile failures recorded with this condition reason. */
  public static double failures(MeterRegistry registry, String reason) {
    Counter counter = registry.find("litellm_operator_model_sync_failures").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Model reconciles finished (any result). */
  public static double reconciles(MeterRegistry registry) {
    return registry.find("controller.runtime.reconcile").tag("controller", "model").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

}
