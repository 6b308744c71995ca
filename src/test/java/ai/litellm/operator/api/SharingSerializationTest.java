package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The operator's mapping (its client's, see KubeClientsTest, and its copies) decodes repeated string values into one
 * copy (the informer caches of a 10k fleet held 17 MB of duplicates), except credentials.
 */
class SharingSerializationTest {

  private static String model(String name) {
    return """
        {"apiVersion":"litellm.litellm.ai/v1alpha1","kind":"Model",
         "metadata":{"name":"%s","namespace":"team-a","uid":"uid-%s","finalizers":["litellm.litellm.ai/finalizer"]},
         "spec":{"modelName":"gpt-4o","litellmParams":{"model":"openai/gpt-4o","apiBase":"https://api.example.invalid/v1"},
                 "connectionRef":{"secretRef":{"secretName":"litellm-connection"}}},
         "status":{"conditions":[{"type":"Ready","status":"True","reason":"Synced","message":"LiteLLM matches the spec",
                                  "lastTransitionTime":"2026-12-03T14:04:23Z"}]}}
        """.formatted(name, name);
  }

  @Test
  void repeatedValuesOfDecodedModelsAreOneCopy() {
    KubernetesSerialization serialization = SharingSerialization.create(new SharedStrings());
    Model a = serialization.unmarshal(model("a"), Model.class);
    Model b = serialization.unmarshal(model("b"), Model.class);
    Condition ca = a.getStatus().conditions.get(0);
    Condition cb = b.getStatus().conditions.get(0);
    assertEquals("True", cb.getStatus());
    assertSame(ca.getStatus(), cb.getStatus());
    assertSame(ca.getReason(), cb.getReason());
    assertSame(ca.getMessage(), cb.getMessage());
    assertSame(ca.getLastTransitionTime(), cb.getLastTransitionTime());
    assertSame(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    assertSame(a.getMetadata().getFinalizers().get(0), b.getMetadata().getFinalizers().get(0));
    assertSame(a.getSpec().litellmParams.apiBase, b.getSpec().litellmParams.apiBase);
    assertSame(a.getSpec().connectionRef.secretRef.secretName, b.getSpec().connectionRef.secretRef.secretName);
    assertEquals("uid-b", b.getMetadata().getUid());
  }

  @Test
  void watchEventsAreDecodedThroughTheSameTable() {
    // as fabric8's watch manager reads an event: its object decoded by apiVersion and kind
    KubernetesSerialization serialization = SharingSerialization.create(new SharedStrings());
    String event = "{\"type\":\"MODIFIED\",\"object\":" + model("a") + "}";
    WatchEvent first = serialization.unmarshal(event, WatchEvent.class);
    WatchEvent second = serialization.unmarshal(event.replace("\"a\"", "\"b\""), WatchEvent.class);
    Model a = serialization.convertValue(first.getObject(), Model.class);
    Model b = serialization.convertValue(second.getObject(), Model.class);
    assertEquals("b", b.getMetadata().getName());
    assertSame(a.getStatus().conditions.get(0).getMessage(), b.getStatus().conditions.get(0).getMessage());
    // and as it reads one it has registered
    serialization.registerKubernetesResource(Model.class);
    Model c = (Model) serialization.unmarshal(event, WatchEvent.class).getObject();
    assertSame(a.getStatus().conditions.get(0).getMessage(), c.getStatus().conditions.get(0).getMessage());
  }

  @Test
  void watchEventsOfThisApiAreDecodedStraightIntoTheirClasses() {
    // fabric8's watch manager converts an event's object only when it is not already of the watched class
    KubernetesSerialization serialization = SharingSerialization.instance();
    String model = "{\"type\":\"ADDED\",\"object\":" + model("a") + "}";
    assertInstanceOf(Model.class, serialization.unmarshal(model, WatchEvent.class).getObject());
    for (String kind : new String[] {"LiteLLMInstance", "Credential"}) {
      String event = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"litellm.litellm.ai/v1alpha1\",\"kind\":\""
          + kind + "\",\"metadata\":{\"name\":\"x\",\"namespace\":\"team-a\"}}}";
      Object object = serialization.unmarshal(event, WatchEvent.class).getObject();
      assertEquals(kind, object.getClass().getSimpleName());
    }
  }

  @Test
  void watchEventsOfTheKindsTheOperatorWatchesAreTypedAndOfNoOtherKind() {
    KubernetesSerialization serialization = SharingSerialization.instance();
    Object[][] watched = {
        {"v1", "ConfigMap", ConfigMap.class}, {"v1", "Secret", Secret.class}, {"apps/v1", "Deployment", Deployment.class},
        {"v1", "Service", Service.class}, {"networking.k8s.io/v1", "Ingress", Ingress.class},
        {"gateway.networking.k8s.io/v1", "HTTPRoute", HTTPRoute.class}, {"v1", "Namespace", Namespace.class}};
    for (Object[] kind : watched) {
      assertInstanceOf((Class<?>) kind[2], serialization.unmarshal(event("ADDED", kind[0], kind[1]), WatchEvent.class)
          .getObject());
    }
    // fabric8 tells an expired watch (410 Gone: list again) by the error event's Status
    assertInstanceOf(Status.class, serialization.unmarshal(event("ERROR", "v1", "Status"), WatchEvent.class).getObject());
    // fabric8's catalogue of every kind it ships is not loaded (about 630 classes, 6 MB of metaspace): a kind the
    // operator never works with stays generic
    assertInstanceOf(GenericKubernetesResource.class,
        serialization.unmarshal(event("ADDED", "batch/v1", "Job"), WatchEvent.class).getObject());
  }

  private static String event(String type, Object apiVersion, Object kind) {
    return "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind
        + "\",\"metadata\":{\"name\":\"x\",\"namespace\":\"team-a\"}}}";
  }

  @Test
  void credentialsAndEmbeddedJsonAreNotShared() {
    KubernetesSerialization serialization = SharingSerialization.create(new SharedStrings());
    String params = "{\"model\":\"openai/gpt-4o\",\"apiKey\":\"sk-test\",\"awsSecretAccessKey\":\"aws-secret\"}";
    LiteLLMParams p1 = serialization.unmarshal(params, LiteLLMParams.class);
    LiteLLMParams p2 = serialization.unmarshal(params, LiteLLMParams.class);
    assertSame(p1.model, p2.model);
    assertEquals(p1.apiKey, p2.apiKey);
    assertNotSame(p1.apiKey, p2.apiKey);
    assertNotSame(p1.awsSecretAccessKey, p2.awsSecretAccessKey);
    String spec = "{\"masterKey\":\"sk-master\",\"extraEnvVars\":[{\"name\":\"TOKEN\",\"value\":\"t0ken\"}]}";
    LiteLLMInstanceSpec s1 = serialization.unmarshal(spec, LiteLLMInstanceSpec.class);
    LiteLLMInstanceSpec s2 = serialization.unmarshal(spec, LiteLLMInstanceSpec.class);
    assertNotSame(s1.masterKey, s2.masterKey);
    assertSame(s1.extraEnvVars.get(0).getName(), s2.extraEnvVars.get(0).getName());
    assertNotSame(s1.extraEnvVars.get(0).getValue(), s2.extraEnvVars.get(0).getValue());
    String applied = "{\"apiVersion\":\"v1\",\"data\":{\"masterKey\":\"c2stdGVzdA==\"},\"kind\":\"Secret\"}";
    String secret = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"annotations\":"
        + "{\"kubectl.kubernetes.io/last-applied-configuration\":" + new tools.jackson.databind.json.JsonMapper()
        .writeValueAsString(applied) + "}}}";
    Secret a = serialization.unmarshal(secret, Secret.class);
    Secret b = serialization.unmarshal(secret, Secret.class);
    String key = "kubectl.kubernetes.io/last-applied-configuration";
    assertEquals(applied, a.getMetadata().getAnnotations().get(key));
    assertNotSame(a.getMetadata().getAnnotations().get(key), b.getMetadata().getAnnotations().get(key));
  }

  @Test
  void copiesShareTheValuesOfTheCachedObject() {
    KubernetesSerialization serialization = SharingSerialization.instance();
    Model cached = serialization.unmarshal(model("a"), Model.class);
    ModelStatus copy = SharingSerialization.copy(cached.getStatus());
    assertNotSame(cached.getStatus().conditions.get(0), copy.conditions.get(0));
    assertSame(cached.getStatus().conditions.get(0).getMessage(), copy.conditions.get(0).getMessage());
    assertSame(cached.getSpec().litellmParams.model, SharingSerialization.copy(cached.getSpec().litellmParams).model);
  }

  @Test
  void aSecretsValuesAreNotShared() {
    KubernetesSerialization serialization = SharingSerialization.create(new SharedStrings());
    String secret = """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"team-a"},
         "data":{"masterKey":"c2stdGVzdA=="},"stringData":{"url":"http://proxy:4000"}}
        """;
    Secret a = serialization.unmarshal(secret.formatted("a"), Secret.class);
    Secret b = serialization.unmarshal(secret.formatted("b"), Secret.class);
    assertEquals(a.getData().get("masterKey"), b.getData().get("masterKey"));
    assertNotSame(a.getData().get("masterKey"), b.getData().get("masterKey"));
    assertNotSame(a.getStringData().get("url"), b.getStringData().get("url"));
    assertSame(a.getMetadata().getNamespace(), b.getMetadata().getNamespace(), "the rest of a Secret is shared");
  }
}
