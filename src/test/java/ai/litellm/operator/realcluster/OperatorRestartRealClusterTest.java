package ai.litellm.operator.realcluster;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.render.ModelOwnership;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator stopped while a fleet of Models is half synced, and a new operator process started in its place,
 * converges: every Model Ready and exactly one LiteLLM model per Model (no duplicate ids, no two models carrying the
 * same owner marker). Needs no garbage collection, so no controller-manager.
 */
@RealCluster(controllerManager = false)
class OperatorRestartRealClusterTest {
  private static final String NS = "fleet";
  private static final String INSTANCE = "proxy";
  private static final int MODELS = 200;
  /** Stop the first operator once this many models reached LiteLLM. */
  private static final int STOP_AFTER = 30;

  static RealOperator operator;
  static KubernetesClient admin;

  @BeforeAll
  static void prepare(RealControlPlane cp, KubernetesClient client) {
    admin = client;
    operator = RealOperator.prepare(cp, client, () -> new FakeLiteLLMOptions().latencyMs(50));
  }

  @AfterAll
  static void close() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void operatorRestartedMidFlightConvergesWithoutDuplicateModels() {
    // Operator A works slowly (few workers, a low LiteLLM rate) so it is surely stopped in the middle of the fleet.
    OperatorConfig slow = RealOperator.testConfig();
    slow.modelConcurrency = 8;
    slow.litellmRps = 10;
    slow.litellmBurst = 5;
    operator.start(slow);
    ClusterSetup.namespace(admin, NS);
    admin.resource(Fixtures.instance(NS, INSTANCE)).create();
    for (int i = 0; i < MODELS; i++) {
      admin.resource(Fixtures.model(NS, "model-" + i, INSTANCE)).create();
    }
    eventually(STOP_AFTER + " models in LiteLLM", ClusterSetup.WAIT, () -> proxy() != null && proxy().models().size() >= STOP_AFTER);

    operator.stop();
    int inLiteLLMAtStop = proxy().models().size();
    long readyAtStop = models().stream().filter(Fixtures::isReady).count();
    System.out.printf("restart: operator A stopped with %d of %d models in LiteLLM, %d Ready%n", inLiteLLMAtStop,
        MODELS, readyAtStop);
    assertTrue(inLiteLLMAtStop < MODELS, "operator A finished before it was stopped: nothing was mid-flight");

    operator.start(RealOperator.testConfig());
    eventually("all " + MODELS + " Models Ready after the restart", ClusterSetup.WAIT,
        () -> models().stream().filter(Fixtures::isReady).count() == MODELS,
        () -> models().stream().filter(Fixtures::isReady).count() + " Ready, " + proxy().models().size()
            + " in LiteLLM");

    List<JsonObject> stored = proxy().models();
    List<Model> models = models();
    Map<String, String> uidByModelId = new HashMap<>();
    for (JsonObject m : stored) {
      JsonObject info = m.getJsonObject("model_info");
      String previous = uidByModelId.put(info.getString("id"), ModelOwnership.ownerUidOf(info));
      assertEquals(null, previous, "duplicate LiteLLM model id " + info.getString("id"));
    }
    Set<String> owners = new HashSet<>(uidByModelId.values());
    assertEquals(stored.size(), owners.size(), "two LiteLLM models carry the same owner marker");
    assertEquals(MODELS, stored.size(), "exactly one LiteLLM model per Model");
    assertEquals(models.stream().map(m -> m.getMetadata().getUid()).collect(Collectors.toSet()), owners,
        "every LiteLLM model belongs to one Model and every Model has one");
    for (Model m : models) {
      assertEquals(m.getMetadata().getUid(), uidByModelId.get(m.getStatus().modelId),
          m.getMetadata().getName() + ": status.modelId does not name its own LiteLLM model");
    }
    assertEquals(0, operator.forbiddenRequests(), "RBAC refused the operator: " + operator.rbacDenials());
    assertEquals(List.of(), operator.rbacDenials());
  }

  private static FakeLiteLLM proxy() {
    return operator.proxy(NS, INSTANCE);
  }

  private static List<Model> models() {
    return admin.resources(Model.class).inNamespace(NS).list().getItems();
  }
}
