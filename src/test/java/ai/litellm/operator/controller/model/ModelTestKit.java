package ai.litellm.operator.controller.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.kube.Finalizers;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMException;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.LiteLLMKeys;
import ai.litellm.operator.render.ModelPayload;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects for the Model controller's unit tests (mocked ports, completed futures): a Model, a connection, LiteLLM
 * errors of each kind, a model as LiteLLM reads it back, and reading a completed future.
 */
final class ModelTestKit {
  static final String NS = "team-a";
  static final String NAME = "gpt";
  static final String KEY = NS + "/" + NAME;
  static final String UID = "uid-1";
  static final long GENERATION = 3;
  static final String URL = "http://proxy.team-a:4000";
  static final String MASTER_KEY = "sk-master-secret";
  /** This operator install's id (ownership markers). */
  static final String INSTALL = "test-cluster/litellm-system";
  /** This install's key for the payload hash published in status. */
  static final ai.litellm.operator.render.KeyedHash HASH =
      new ai.litellm.operator.render.KeyedHash("test-install-hash-key-32-bytes!!".getBytes());

  private ModelTestKit() {}

  /** A live Model without finalizer or status, reaching its proxy through Secret {@code conn}. */
  static Model model() {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(NAME).withUid(UID).withGeneration(GENERATION)
        .withResourceVersion("10").build());
    m.getSpec().modelName = NAME;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.secretRef = new SecretRef(null, "conn");
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = "openai/gpt-4o";
    return m;
  }

  static Model withFinalizer(Model m) {
    Model copy = Serialization.clone(m);
    List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers() == null ? List.of()
        : copy.getMetadata().getFinalizers());
    if (!finalizers.contains(Finalizers.NAME)) {
      finalizers.add(Finalizers.NAME);
    }
    copy.getMetadata().setFinalizers(finalizers);
    return copy;
  }

  static Model deleting(Model m) {
    Model copy = Serialization.clone(m);
    copy.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    return copy;
  }

  static Model withStatus(Model m, ModelStatus status) {
    Model copy = Serialization.clone(m);
    copy.setStatus(status);
    return copy;
  }

  static LiteLLMEndpoint endpoint(String url) {
    return new LiteLLMEndpoint(url, MASTER_KEY);
  }

  static Connection connection() {
    return connection(URL);
  }

  static Connection connection(String url) {
    return new Connection(endpoint(url), url, "Secret " + NS + "/conn");
  }

  /** A LiteLLM failure of the given kind, as the client would raise it (its constructor is package-private). */
  static LiteLLMException litellmError(LiteLLMException.Kind kind, int status, Duration retryAfter) {
    try {
      Constructor<LiteLLMException> c = LiteLLMException.class.getDeclaredConstructor(LiteLLMException.Kind.class,
          int.class, Duration.class, String.class, Throwable.class);
      c.setAccessible(true);
      return c.newInstance(kind, status, retryAfter, "op -> " + status + " " + kind, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a LiteLLMException", e);
    }
  }

  static LiteLLMException litellmError(LiteLLMException.Kind kind) {
    return litellmError(kind, 500, null);
  }

  /** The payload as GET /model/info returns it: credentials stripped, everything else as sent. */
  static LiteLLMModel readBack(ModelPayload p) {
    JsonObject params = p.litellmParams();
    LiteLLMKeys.STRIPPED_ON_READ.forEach(params::remove);
    return new LiteLLMModel(p.modelId(), p.modelName(), params, p.modelInfo());
  }

  /** A read-back whose ownership marker names another Model uid (or none when {@code uid} is null). */
  static LiteLLMModel readBackOwnedBy(ModelPayload p, String uid) {
    LiteLLMModel ours = readBack(p);
    JsonObject info = ours.modelInfo().copy();
    if (uid == null) {
      info.remove(ai.litellm.operator.render.ModelOwnership.UID_KEY);
      info.remove(ai.litellm.operator.render.ModelOwnership.OWNER_KEY);
    } else {
      info.put(ai.litellm.operator.render.ModelOwnership.UID_KEY, uid);
    }
    return new LiteLLMModel(ours.id(), ours.modelName(), ours.litellmParams(), info);
  }

  /** The value of a future that must already have succeeded (every stub answers with completed futures). */
  static <T> T result(Future<T> f) {
    assertTrue(f.isComplete(), "the future should be complete: every port answer is");
    if (f.failed()) {
      throw new AssertionError("expected success, got " + f.cause(), f.cause());
    }
    return f.result();
  }

  /** The failure of a future that must already have failed. */
  static Throwable failure(Future<?> f) {
    assertTrue(f.isComplete(), "the future should be complete: every port answer is");
    assertTrue(f.failed(), () -> "expected a failure, got " + f.result());
    return f.cause();
  }

  static Condition condition(ModelStatus s, String type) {
    assertNotNull(s, "status");
    return Conditions.find(s.conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  static void assertCondition(ModelStatus s, String type, String status, String reason) {
    Condition c = condition(s, type);
    assertEquals(status, c.getStatus(), type + ": " + c.getMessage());
    assertEquals(reason, c.getReason(), type + ": " + c.getMessage());
  }
}
