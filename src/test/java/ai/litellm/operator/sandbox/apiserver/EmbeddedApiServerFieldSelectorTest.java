package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Field selectors on lists, as kubectl describe uses them to find an object's Events (issue #16.7b): equality and
 * inequality on any field path, several at once (all must hold), in a namespace and across namespaces.
 */
class EmbeddedApiServerFieldSelectorTest {
  private static EmbeddedApiServer api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
    client = api.newClient();
    for (String ns : List.of("ev", "other")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    event("ev", "model-a", "Model", "a", "uid-a");
    event("ev", "model-b", "Model", "b", "uid-b");
    event("ev", "instance-a", "LiteLLMInstance", "a", "uid-i");
    event("other", "model-a-elsewhere", "Model", "a", "uid-x");
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  private static void event(String ns, String name, String kind, String object, String uid) {
    client.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewInvolvedObject().withKind(kind).withName(object).withNamespace(ns).withUid(uid).endInvolvedObject()
        .withReason("Testing").withMessage(name).withType("Normal").build()).create();
  }

  private static List<String> names(List<Event> events) {
    return events.stream().map(HasMetadata::getMetadata).map(m -> m.getName()).sorted().toList();
  }

  @Test
  void selectsEventsByTheirInvolvedObject() {
    assertEquals(List.of("model-a"), names(client.v1().events().inNamespace("ev")
        .withFields(Map.of("involvedObject.name", "a", "involvedObject.kind", "Model")).list().getItems()));
    assertEquals(List.of("model-a"), names(client.v1().events().inNamespace("ev")
        .withField("involvedObject.uid", "uid-a").list().getItems()));
    assertEquals(List.of("instance-a", "model-a", "model-a-elsewhere"), names(client.v1().events().inAnyNamespace()
        .withField("involvedObject.name", "a").list().getItems()));
    assertEquals(List.of("model-b"), names(client.v1().events().inNamespace("ev")
        .withoutField("involvedObject.name", "a").list().getItems()));
  }

  @Test
  void metadataSelectorsStillWork() {
    assertEquals(List.of("model-b"), names(client.v1().events().inNamespace("ev")
        .withField("metadata.name", "model-b").list().getItems()));
    assertEquals(List.of("model-a-elsewhere"), names(client.v1().events().inAnyNamespace()
        .withField("metadata.namespace", "other").list().getItems()));
  }
}
