package ai.litellm.operator.controller.model;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.ModelStatus;
import ai.litellm.operator.eventlog.ResourceEvent;
import ai.litellm.operator.kube.Cache;
import ai.litellm.operator.litellm.LiteLLMEndpoint;
import ai.litellm.operator.litellm.LiteLLMModel;
import ai.litellm.operator.render.ModelOwnership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import ai.litellm.operator.eventlog.KeyStates;

/**
 * A DriftDetector over a mocked Model cache and LiteLLM port, with real key states and metrics, shared by the
 * detector's test classes. By default the cache has synced, every proxy lists nothing and deletes succeed.
 */
final class DriftHarness {
  static final Duration GRACE = Duration.ofSeconds(30);
  static final LiteLLMEndpoint EP1 = ModelTestKit.endpoint("http://proxy-1:4000");
  static final LiteLLMEndpoint EP2 = ModelTestKit.endpoint("http://proxy-2:4000");
  /** The namespaces this replica reconciles (namespace sharding). */
  static final Set<String> OWNED_NAMESPACES = Set.of("team-a");

  @SuppressWarnings("unchecked")
  final Cache<Model> models = mock(Cache.class);
  final LiteLLMPort calls = mock(LiteLLMPort.class);
  /** The model topic's key states (the event log owns them in the operator). */
  final Map<String, ModelState> stateByKey = new HashMap<>();
  final KeyStates<ModelState> states = new KeyStates<>() {
    @Override
    public ModelState state(String key) {
      return stateByKey.get(key);
    }

    @Override
    public void forEachState(BiConsumer<String, ? super ModelState> action) {
      stateByKey.forEach(action);
    }
  };
  final KnownProxies proxies = new KnownProxies();
  final ProxyHealth health = new ProxyHealth(3);
  @SuppressWarnings("unchecked")
  final ai.litellm.operator.kube.KubernetesPort<Model> kube = mock(ai.litellm.operator.kube.KubernetesPort.class);
  final List<ResourceEvent> requeued = new ArrayList<>();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ModelMetrics metrics = new ModelMetrics(registry);

  /** The object under test; the one place that knows its constructor. */
  DriftDetector detector() {
    return new DriftDetector(models, states, proxies, calls, requeued::add, OWNED_NAMESPACES::contains, GRACE,
        metrics, ModelTestKit.INSTALL, health, kube);
  }

  DriftHarness() {
    when(models.hasSynced()).thenReturn(true);
    when(kube.event(any(), any(), any(), anyString(), anyString())).thenReturn(Future.succeededFuture());
    when(calls.list(any())).thenReturn(Future.succeededFuture(List.of()));
    when(calls.delete(any(), anyString())).thenReturn(Future.succeededFuture());
  }

  /** A Model in the cache, synced through {@code ep}, whose status says it was applied as {@code id} an hour ago. */
  Model synced(String ns, String name, String uid, String id, LiteLLMEndpoint ep) {
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid(uid).withGeneration(2L)
        .withResourceVersion("7").build());
    m.getSpec().modelName = name;
    ModelStatus st = new ModelStatus();
    st.modelId = id;
    st.modelName = name;
    st.litellmParams = new LiteLLMParams();
    st.litellmParams.model = "openai/gpt-4o";
    st.lastUpdated = Instant.now().minus(Duration.ofHours(1)).toString();
    m.setStatus(st);
    when(models.get(ns, name)).thenReturn(m);
    state(ns + "/" + name).syncedThrough(ep);
    return m;
  }

  /** A proxy the operator synced through and whose last Model left (it stays known for the orphan sweep). */
  void known(LiteLLMEndpoint ep) {
    proxies.seen(ep);
  }

  /** The state of a key (created on first use, as the log creates it on the key's first event). */
  ModelState state(String key) {
    return stateByKey.computeIfAbsent(key, k -> new ModelState());
  }

  /** A row as LiteLLM lists it: the synced params, with our marker for {@code ns/name} and {@code uid} unless ns is null. */
  static LiteLLMModel row(String id, String ns, String name, String uid) {
    JsonObject info = new JsonObject().put("id", id);
    if (ns != null) {
      info.put(ModelOwnership.OWNER_KEY, ns + "/" + name).put(ModelOwnership.UID_KEY, uid)
          .put(ModelOwnership.INSTALL_KEY, ModelTestKit.INSTALL);
    }
    return new LiteLLMModel(id, name, new JsonObject().put("model", "openai/gpt-4o"), info);
  }

  void lists(LiteLLMEndpoint ep, LiteLLMModel... rows) {
    when(calls.list(ep)).thenReturn(Future.succeededFuture(List.of(rows)));
  }

  /** One pass of a fresh detector (no memory of earlier passes). */
  void pass() {
    ModelTestKit.result(detector().runOnce());
  }

  double driftDetected() {
    return registry.get("litellm_operator_drift_detected").counter().count();
  }

  double orphansDeleted() {
    return registry.get("litellm_operator_drift_orphans_deleted").counter().count();
  }
}
