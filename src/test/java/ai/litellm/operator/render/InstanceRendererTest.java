package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.InitModelInstance;
import ai.litellm.operator.api.LiteLLMInstance;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InstanceRendererTest {

  private static RenderedInstance render(LiteLLMInstance instance) {
    return InstanceRenderer.render(instance, Examples.inputs());
  }

  private static List<EnvVar> env(RenderedInstance rendered) {
    return rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
  }

  @Test
  void sameInputTwiceGivesIdenticalBytes() {
    assertEquals(GoldenFileTest.yaml(render(Examples.instance())), GoldenFileTest.yaml(render(Examples.instance())));
  }

  @Test
  void shuffledSecretMapsAndRawMapsGiveIdenticalBytes() {
    String expected = GoldenFileTest.yaml(render(Examples.instance()));
    List<Map.Entry<String, SecretSnapshot>> entries = new ArrayList<>(Examples.snapshots().entrySet());
    Collections.shuffle(entries, new Random(42));
    Map<String, SecretSnapshot> shuffled = new LinkedHashMap<>();
    entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
    LiteLLMInstance instance = Examples.instance();
    // Same additionalProperties content, opposite key order.
    Map<String, Object> reversed = new LinkedHashMap<>();
    reversed.put("mode", "chat");
    reversed.put("base_model", "azure/gpt-4o");
    instance.getSpec().models.get(0).additionalProperties = reversed;
    RenderedInstance rendered = InstanceRenderer.render(instance,
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, shuffled, Examples.SETTINGS));
    assertEquals(expected, GoldenFileTest.yaml(rendered));
  }

  @Test
  void configMapHoldsNoSecretValue() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(1).liteLLMParams.apiKey = "sk-plaintext-in-spec-123";
    instance.getSpec().models.get(1).liteLLMParams.awsSecretAccessKey = "aws-plaintext-secret-456";
    RenderedInstance rendered = render(instance);
    String configMap = Serialization.asYaml(rendered.configMap());
    List<String> secretValues = new ArrayList<>(List.of("sk-plaintext-in-spec-123", "aws-plaintext-secret-456",
        Examples.MASTER_KEY, Examples.SALT_KEY));
    Examples.secrets().values().forEach(s -> secretValues.addAll(SecretData.decode(s).values()));
    for (String value : secretValues) {
      assertFalse(configMap.contains(value), "ConfigMap leaks a secret value of length " + value.length());
    }
    // The plaintext credential is routed through <n>-secrets and referenced by env.
    String envName = ModelCredentialEnv.name("mock-chat", LiteLLMKeys.API_KEY);
    assertTrue(rendered.secret().getData().containsKey(envName));
    assertTrue(configMap.contains("os.environ/" + envName));
    EnvVar env = env(rendered).stream().filter(e -> e.getName().equals(envName)).findFirst().orElseThrow();
    assertEquals("litellm-example-secrets", env.getValueFrom().getSecretKeyRef().getName());
  }

  @Test
  void extraEnvVarReplacesDefaultInPlace() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().extraEnvVars = List.of(
        new EnvVarBuilder().withName("STORE_MODEL_IN_DB").withValue("False").build(),
        new EnvVarBuilder().withName("EXTRA_ONE").withValue("1").build());
    List<EnvVar> env = env(render(instance));
    List<String> names = env.stream().map(EnvVar::getName).toList();
    assertEquals(2, names.indexOf("STORE_MODEL_IN_DB"), "the default keeps its position");
    assertEquals("False", env.get(2).getValue());
    assertEquals(1, names.stream().filter("STORE_MODEL_IN_DB"::equals).count());
    assertEquals("EXTRA_ONE", names.get(names.size() - 1));
    assertEquals(names.size(), new TreeSet<>(names).size(), "no duplicate env names");
  }

  @Test
  void ingressAndGatewayOffMeanAbsent() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().ingress.enabled = false;
    instance.getSpec().gateway = null;
    RenderedInstance rendered = render(instance);
    assertNull(rendered.ingress());
    assertNull(rendered.httpRoute());
    assertEquals(4, rendered.all().size());
  }

  @Test
  void everyObjectIsOwnedAndLabelledButTheSaltKeySecretIsKept() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().gateway.enabled = true;
    RenderedInstance rendered = render(instance);
    assertEquals(6, rendered.all().size());
    assertTrue(rendered.secret().getMetadata().getOwnerReferences().isEmpty(), "garbage collection keeps the salt key");
    assertEquals("keep", rendered.secret().getMetadata().getAnnotations().get(ObjectMetas.RESOURCE_POLICY));
    assertEquals(InstanceLabels.common("litellm-example"), rendered.secret().getMetadata().getLabels());
    rendered.all().stream().filter(o -> o != rendered.secret()).forEach(o -> {
      var owner = o.getMetadata().getOwnerReferences().get(0);
      assertEquals(Examples.INSTANCE_UID, owner.getUid());
      assertTrue(owner.getController());
      assertTrue(owner.getBlockOwnerDeletion());
      assertEquals(InstanceLabels.common("litellm-example"), o.getMetadata().getLabels());
    });
  }

  @Test
  void configHashChangesWhenAReferencedSecretVersionChanges() {
    String before = render(Examples.instance()).configHash();
    Map<String, SecretSnapshot> secrets = new LinkedHashMap<>(Examples.snapshots());
    SecretSnapshot redis = secrets.get("litellm-redis");
    secrets.put("litellm-redis", new SecretSnapshot("rotated-1", redis.keys()));
    String after = InstanceRenderer.render(Examples.instance(),
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, secrets, Examples.SETTINGS)).configHash();
    assertNotEquals(before, after);
  }

  @Test
  void configHashChangesWhenTheMasterKeyChanges() {
    String before = render(Examples.instance()).configHash();
    String after = InstanceRenderer.render(Examples.instance(), new ResolvedInstanceInputs("sk-other", Examples.SALT_KEY,
        Examples.snapshots(), Examples.SETTINGS)).configHash();
    assertNotEquals(before, after);
  }

  @Test
  void configHashIgnoresUnrelatedChanges() {
    String before = render(Examples.instance()).configHash();
    LiteLLMInstance annotated = Examples.instance();
    annotated.getMetadata().setAnnotations(Map.of("example.com/note", "changed"));
    annotated.getMetadata().setLabels(Map.of("team", "ml"));
    annotated.getSpec().replicas = 5;
    Map<String, SecretSnapshot> secrets = new LinkedHashMap<>(Examples.snapshots());
    secrets.put("unrelated", SecretSnapshot.of("99", java.util.Set.of("x")));
    secrets.put("anthropic-credentials", SecretSnapshot.of("rotated", java.util.Set.of("apiKey")));
    String after = InstanceRenderer.render(annotated,
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, secrets, Examples.SETTINGS)).configHash();
    assertEquals(before, after);
  }

  @Test
  void configModelNamesAreUnchangedAndIdsAreIdentifiers() {
    String config = render(Examples.instance()).configMap().getData().get(InstanceNames.CONFIG_KEY);
    assertTrue(config.contains("model_name: \"gpt-4o\"\n"));
    assertFalse(config.contains("[inst]"));
    assertTrue(config.contains("id: \"azure-gpt-4o-eu\""));
  }

  @Test
  void duplicateIdentifiersAreInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(1).identifier = "azure-gpt-4o-eu";
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertTrue(e.getMessage().contains("duplicate model identifier \"azure-gpt-4o-eu\""), e.getMessage());
  }

  @Test
  void identifiersCollidingAsEnvNamesAreInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(1).identifier = "azure_gpt.4o-eu";
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertTrue(e.getMessage().contains("same env var prefix"), e.getMessage());
  }

  @Test
  void missingModelIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(1).liteLLMParams.model = null;
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertTrue(e.getMessage().startsWith("spec.models[1].liteLLMParams.model is required"), e.getMessage());
  }

  @Test
  void unparsableCostIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(0).liteLLMParams.outputCostPerToken = "ten cents";
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertTrue(e.getMessage().startsWith("spec.models[0].liteLLMParams.outputCostPerToken must be a decimal"),
        e.getMessage());
  }

  @Test
  void ingressWithoutHostIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().ingress.host = "";
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertEquals("spec.ingress.host is required when spec.ingress.enabled is true", e.getMessage());
  }

  @Test
  void overridingTheMasterKeyEnvIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().extraEnvVars = List.of(new EnvVarBuilder().withName("LITELLM_MASTER_KEY").withValue("x").build());
    assertThrows(InvalidSpecException.class, () -> render(instance));
  }

  @Test
  void everyCredentialLikeKeyOfAdditionalPropGoesThroughTheSecretNeverTheConfigMap() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().models.get(1).liteLLMParams.additionalProp1 = Map.of("aws_session_token", "tok-session-1234",
        "azure_ad_token", "eyJ-ad-token-5678", "api_key", "sk-in-additional-9", "max_tokens", 4096,
        "input_cost_per_token", 0.00001, "region", "eu-west-1");
    RenderedInstance rendered = render(instance);
    String configMap = Serialization.asYaml(rendered.configMap());
    for (String value : List.of("tok-session-1234", "eyJ-ad-token-5678", "sk-in-additional-9")) {
      assertFalse(configMap.contains(value), "ConfigMap holds a credential in clear");
    }
    for (String param : List.of("aws_session_token", "azure_ad_token", "api_key")) {
      String envName = ModelCredentialEnv.name("mock-chat", param);
      assertTrue(configMap.contains("os.environ/" + envName), param + " is an env reference");
      assertTrue(rendered.secret().getData().containsKey(envName), param + " is in <n>-secrets");
      assertEquals("litellm-example-secrets", env(rendered).stream().filter(e -> e.getName().equals(envName))
          .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName());
    }
    assertTrue(configMap.contains("max_tokens: 4096"), "numbers and ordinary keys stay in the config");
    assertTrue(configMap.contains("eu-west-1"));
  }

  @Test
  void tooLongNameIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    instance.getMetadata().setName("a".repeat(InstanceNames.MAX_NAME_LENGTH + 1));
    assertThrows(InvalidSpecException.class, () -> render(instance));
  }

  @Test
  void missingSecretIsADependencyError() {
    Map<String, SecretSnapshot> secrets = new LinkedHashMap<>(Examples.snapshots());
    secrets.remove("litellm-postgres");
    var e = assertThrows(DependencyMissingException.class, () -> InstanceRenderer.render(Examples.instance(),
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, secrets, Examples.SETTINGS)));
    assertEquals("Secret \"litellm-postgres\" referenced by the spec does not exist", e.getMessage());
  }

  @Test
  void missingSecretKeyIsADependencyError() {
    Map<String, SecretSnapshot> secrets = new LinkedHashMap<>(Examples.snapshots());
    secrets.put("azure-openai-credentials", SecretSnapshot.of("1", java.util.Set.of("api-key")));
    var e = assertThrows(DependencyMissingException.class, () -> InstanceRenderer.render(Examples.instance(),
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, secrets, Examples.SETTINGS)));
    assertEquals("Secret \"azure-openai-credentials\" has no key \"api-base\"", e.getMessage());
  }

  @Test
  void gatewayWithoutConfiguredParentIsADependencyError() {
    LiteLLMInstance instance = Examples.instance();
    instance.getSpec().gateway.enabled = true;
    assertThrows(DependencyMissingException.class, () -> InstanceRenderer.render(instance,
        new ResolvedInstanceInputs(Examples.MASTER_KEY, Examples.SALT_KEY, Examples.snapshots(), OperatorSettings.DEFAULTS)));
  }

  @Test
  void requiresAuthWithoutCredentialsIsInvalid() {
    LiteLLMInstance instance = Examples.instance();
    InitModelInstance model = instance.getSpec().models.get(1);
    model.requiresAuth = true;
    var e = assertThrows(InvalidSpecException.class, () -> render(instance));
    assertTrue(e.getMessage().startsWith("spec.models[1].requiresAuth is true"), e.getMessage());
  }

  /**
   * Issue #17.6: a config model uses a Credential by name. The name is not a secret: it stays in the ConfigMap as
   * written (an os.environ/ indirection through <n>-secrets would hide which credential a model uses), and it
   * satisfies requiresAuth. Fails before the fix: the name went to <n>-secrets as LITELLM_MODEL_..._LITELLM_CREDENTIAL_NAME.
   */
  @Test
  void aConfigModelNamesACredentialInTheConfigMapAndNeedsNoModelCredentials() {
    LiteLLMInstance instance = Examples.instance();
    InitModelInstance model = instance.getSpec().models.get(1);
    model.requiresAuth = true;
    model.liteLLMParams.litellmCredentialName = "openai-prod";
    RenderedInstance rendered = render(instance);
    String configMap = rendered.configMap().getData().get("config.yaml");
    assertTrue(configMap.contains("litellm_credential_name: \"openai-prod\""), configMap);
    String envName = ModelCredentialEnv.name(model.identifier, "litellm_credential_name");
    assertFalse(rendered.secret().getData().containsKey(envName), "the credential name is not a secret");
    assertTrue(env(rendered).stream().noneMatch(e -> e.getName().equals(envName)));
  }
}
