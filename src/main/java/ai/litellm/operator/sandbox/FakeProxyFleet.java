package ai.litellm.operator.sandbox;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.controller.model.InstanceEndpoints;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sandbox's LiteLLM proxies: every LiteLLMInstance resolves to a fake LiteLLM of its own, started on first use with
 * the instance's master key (so a wrong key gets the real 401 and two instances never share models).
 */
public final class FakeProxyFleet implements InstanceEndpoints {
  private final Vertx vertx;
  private final Supplier<FakeLiteLLMOptions> template;
  private final Map<String, Future<FakeLiteLLM>> proxies = new ConcurrentHashMap<>();
  private volatile boolean deploymentsServe = true;

  /** @param template options for each new proxy (latency, faults, ...); port and master key are set per instance */
  public FakeProxyFleet(Vertx vertx, Supplier<FakeLiteLLMOptions> template) {
    this.vertx = vertx;
    this.template = template;
  }

  /**
   * The fake proxies answer for the instances whatever their Deployments report: on a real control plane without a
   * kubelet the Deployment controller reports no available replica, which must not make the Models wait (the
   * benchmarks, the sharding scenario). The sandbox keeps the default, so tests can drive availability through the
   * Deployment's status.
   */
  public FakeProxyFleet standingInForDeployments() {
    this.deploymentsServe = false;
    return this;
  }

  @Override
  public boolean servedByDeployment(String namespace, String name) {
    return deploymentsServe;
  }

  @Override
  public Future<String> baseUrl(LiteLLMInstance instance, String masterKey) {
    String key = instance.getMetadata().getNamespace() + "/" + instance.getMetadata().getName();
    return proxies.computeIfAbsent(key, k -> FakeLiteLLM.start(vertx, template.get().port(0).masterKey(masterKey)))
        .map(fake -> {
          if (!masterKey.equals(fake.options().masterKey())) {
            // The instance's master key was rotated: a real proxy restarts with the new key.
            fake.options().masterKey(masterKey);
          }
          return fake.baseUrl();
        });
  }

  /** The fake proxy of an instance, once some Model has resolved it. */
  public FakeLiteLLM proxy(String namespace, String name) {
    Future<FakeLiteLLM> f = proxies.get(namespace + "/" + name);
    return f == null || !f.succeeded() ? null : f.result();
  }

  /** Starts (or returns) the proxy of an instance ahead of any Model, e.g. to set knobs before a test. */
  public Future<FakeLiteLLM> proxyFor(String namespace, String name, String masterKey) {
    return proxies.computeIfAbsent(namespace + "/" + name,
        k -> FakeLiteLLM.start(vertx, template.get().port(0).masterKey(masterKey)));
  }

  public List<FakeLiteLLM> all() {
    List<FakeLiteLLM> out = new ArrayList<>();
    proxies.values().forEach(f -> {
      if (f.succeeded()) {
        out.add(f.result());
      }
    });
    return out;
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    proxies.values().forEach(f -> closing.add(f.compose(FakeLiteLLM::close).recover(e -> Future.succeededFuture())));
    return Future.join(closing).mapEmpty();
  }
}
