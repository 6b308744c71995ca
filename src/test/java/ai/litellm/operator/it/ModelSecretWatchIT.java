package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.params;
import static ai.litellm.operator.controller.model.ModelFixtures.ready;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.controller.model.ModelFixtures.rows;
import static ai.litellm.operator.controller.model.ModelFixtures.writes;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.controller.model.ModelFixtures;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 point 3: a change of a Secret that Models read reaches LiteLLM within seconds, with the resync period
 * (10 min) and the Secret cache TTL (60 s) at their defaults. Before, only a resync after the cached read expired
 * picked it up (up to ~11 minutes), and a Model parked on the Secret (a refused cross-namespace reference waiting for
 * its grant) only at its slow re-check. Each test here fails without the Secret watch: every wait is far below the
 * 60 s TTL.
 */
class ModelSecretWatchIT {
  static final String NS = "watched";
  static final String VAULT = "vault";
  /** Far below the defaults (resync 10 min, Secret TTL 60 s), far above a reconcile on a loaded machine. */
  static final Duration FEW_SECONDS = Duration.ofSeconds(15);
  static Sandbox sandbox;
  static KubernetesClient c;
  static Vertx testVertx;

  @BeforeAll
  static void start() {
    OperatorConfig cfg = SandboxFixture.testConfig();
    OperatorConfig defaults = new OperatorConfig();
    cfg.resyncPeriod = defaults.resyncPeriod;
    cfg.secretCacheTtl = defaults.secretCacheTtl;
    sandbox = SandboxFixture.start(cfg, FakeLiteLLMOptions::new);
    c = sandbox.client();
    testVertx = Vertx.vertx();
    SandboxFixture.namespace(c, NS);
    SandboxFixture.namespace(c, VAULT);
    c.resource(SandboxFixture.instance(NS, "proxy")).create();
  }

  /** The instance's fake proxy (it starts when a Model first resolves the instance). */
  private static FakeLiteLLM proxy() {
    eventually("the instance's proxy is up", Duration.ofSeconds(60),
        () -> sandbox.proxies().proxy(NS, "proxy") != null);
    return sandbox.proxies().proxy(NS, "proxy");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    testVertx.close();
  }

  private static Model usingSecret(String name, String secretNamespace, String secret) {
    Model m = SandboxFixture.model(NS, name, "proxy", "openai/gpt-4o");
    m.getSpec().modelSecretRef = new SecretRef(secretNamespace, secret);
    return m;
  }

  @Test
  void aRotatedModelSecretReachesLiteLLMWithinSeconds() {
    SandboxFixture.secret(c, NS, "provider", Map.of("apiKey", "sk-v1"));
    List<String> names = List.of("rot-0", "rot-1", "rot-2");
    names.forEach(n -> c.resource(usingSecret(n, null, "provider")).create());
    names.forEach(n -> eventually(n + " Ready", Duration.ofSeconds(60), () -> ready(c, NS, n)));
    List<Long> generations = names.stream().map(n -> get(c, NS, n).getMetadata().getGeneration()).toList();
    FakeLiteLLM proxy = proxy();
    proxy.resetCalls();

    SandboxFixture.secret(c, NS, "provider", Map.of("apiKey", "sk-v2"));
    for (String n : names) {
      eventually(n + " has the rotated key in LiteLLM", FEW_SECONDS,
          () -> "sk-v2".equals(params(proxy, n).getString("api_key")));
    }
    List<String> paths = writes(proxy).stream().map(call -> call.method() + " " + call.path()).toList();
    assertEquals(names.size(), paths.size(), "one write per Model: " + paths);
    writes(proxy).forEach(call -> assertEquals("POST /model/update", call.method() + " " + call.path(),
        "the params rewritten, not a PATCH (a router reload) nor a re-create: " + paths));
    assertEquals(generations, names.stream().map(n -> get(c, NS, n).getMetadata().getGeneration()).toList(),
        "no spec change was needed");
  }

  @Test
  void aModelWhoseSecretWasIncompleteHealsWhenItIsFixed() {
    SandboxFixture.secret(c, NS, "partial", Map.of("apiKy", "sk-misspelt"));
    c.resource(usingSecret("incomplete", null, "partial")).create();
    eventually("SecretIncomplete", Duration.ofSeconds(60),
        () -> "SecretIncomplete".equals(reason(c, NS, "incomplete", "Ready")));

    SandboxFixture.secret(c, NS, "partial", Map.of("apiKey", "sk-fixed"));
    eventually("Ready once the Secret is fixed", FEW_SECONDS, () -> ready(c, NS, "incomplete"));
    assertEquals("sk-fixed", params(proxy(), "incomplete").getString("api_key"));
  }

  @Test
  void aModelParkedOnAnUngrantedSecretHealsWhenTheGrantIsAdded() {
    c.resource(new SecretBuilder().withNewMetadata().withNamespace(VAULT).withName("shared").endMetadata()
        .withStringData(Map.of("apiKey", "sk-shared")).build()).create();
    c.resource(usingSecret("borrower", VAULT, "shared")).create();
    eventually("CrossNamespaceReference", Duration.ofSeconds(60),
        () -> "CrossNamespaceReference".equals(reason(c, NS, "borrower", "Ready")));

    c.secrets().inNamespace(VAULT).withName("shared").edit(s -> new SecretBuilder(s).editMetadata()
        .addToAnnotations("litellm.litellm.ai/allowed-referrers", NS).endMetadata().build());
    eventually("Ready once the Secret grants the reference", FEW_SECONDS, () -> ready(c, NS, "borrower"));
    assertEquals(1, rows(proxy(), "borrower"));
  }

  @Test
  void aRotatedConnectionSecretIsUsedWithinSeconds() {
    FakeLiteLLM own = ModelFixtures.startFake(testVertx, new FakeLiteLLMOptions().masterKey("sk-master-v2"));
    SandboxFixture.secret(c, NS, "connection", Map.of("url", own.baseUrl(), "masterkey", "sk-master-v1"));
    c.resource(ModelFixtures.viaSecret(NS, "via-connection", "connection", "openai/gpt-4o")).create();
    eventually("Unauthorized with the old master key", Duration.ofSeconds(60),
        () -> "Unauthorized".equals(reason(c, NS, "via-connection", "Ready")));

    SandboxFixture.secret(c, NS, "connection", Map.of("url", own.baseUrl(), "masterkey", "sk-master-v2"));
    eventually("Ready with the rotated master key", FEW_SECONDS, () -> ready(c, NS, "via-connection"));
    assertEquals(1, rows(own, "via-connection"));
  }
}
