package ai.litellm.operator.kube;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServer;
import ai.litellm.operator.sandbox.apiserver.EmbeddedApiServerOptions;
import ai.litellm.operator.testing.Await;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Secret watch on an API server (the embedded one): fabric8 really applies the initial list as "not synced yet"
 * (nothing told), later changes of referenced Secrets are told after their cached read was dropped, and only those
 * Secrets are kept.
 */
class SecretWatchTest {
  static EmbeddedApiServer server;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withShutdownTimeout(Duration.ofSeconds(5)));
    client = server.newClient();
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("team").endMetadata().build()).create();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static void secret(String name, String value) {
    client.secrets().inNamespace("team").resource(new SecretBuilder().withNewMetadata().withNamespace("team")
        .withName(name).endMetadata().withStringData(Map.of("apiKey", value)).build()).createOr(x -> x.update());
  }

  @Test
  void tellsChangesOfReferencedSecretsOnlyAndNotTheInitialList() {
    secret("creds", "v1");
    secret("other", "v1");
    Set<String> referenced = Set.of("team/creds", "team/created-later");
    List<String> told = new CopyOnWriteArrayList<>();
    SecretReader reads = mock(SecretReader.class);
    SecretWatch watch = new SecretWatch(client, reads, (ns, name) -> referenced.contains(ns + "/" + name),
        (ns, name) -> told.add(ns + "/" + name));
    watch.start("team");
    try {
      assertEquals(1, watch.kept(), "only the referenced Secret's version is kept");
      Await.sleep(500); // a wrongly told initial list would show by now
      assertEquals(List.of(), told, "the initial list wakes nobody");

      secret("creds", "v2");
      eventually("the rotation is told", Duration.ofSeconds(30), () -> told.equals(List.of("team/creds")));
      verify(reads).invalidate("team", "creds");

      secret("other", "v2");
      secret("created-later", "v1");
      eventually("a referenced Secret's creation is told", Duration.ofSeconds(30),
          () -> told.equals(List.of("team/creds", "team/created-later")));
      verify(reads, never()).invalidate("team", "other");

      client.secrets().inNamespace("team").withName("creds").delete();
      eventually("a deletion is told", Duration.ofSeconds(30),
          () -> told.equals(List.of("team/creds", "team/created-later", "team/creds")));
      verify(reads, timeout(5000).times(2)).invalidate("team", "creds");
      assertEquals(1, watch.kept());
    } finally {
      watch.stopAll();
    }
  }
}
