package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.CrdSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRDs' own schemas accept well-formed resources and reject what a user can get wrong. */
class CrdSchemaValidationTest {
  private static final CrdSchema MODEL = CrdSchema.forKind("Model");
  private static final CrdSchema INSTANCE = CrdSchema.forKind("LiteLLMInstance");
  private static final CrdSchema CREDENTIAL = CrdSchema.forKind("Credential");

  private static final String GOOD_MODEL = """
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: Model
      metadata: {name: gpt-4o, namespace: team-a}
      spec:
        modelName: gpt-4o
        connectionRef:
          instanceRef: {name: proxy}
        modelSecretRef: {secretName: azure-creds}
        litellmParams:
          model: azure/gpt-4o-eu
          apiVersion: "2024-10-21"
          rpm: 600
          tpm: 100000
          inputCostPerToken: "0.0000025"
          maxBudget: "1e3"
          modelInfo: {mode: chat, base_model: azure/gpt-4o}
        modelInfo:
          id: team-a-gpt-4o
          additionalProp1: {anything: [1, 2, 3]}
      """;

  private static final String GOOD_INSTANCE = """
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: LiteLLMInstance
      metadata: {name: proxy, namespace: team-a}
      spec:
        replicas: 2
        databaseSecretRef:
          nameRef: db
          keys: {hostSecret: host, passwordSecret: password, usernameSecret: username, dbnameSecret: dbname}
        ingress: {enabled: true, host: llm.example.com}
        models:
          - modelName: gpt-4o
            identifier: gpt-4o-eu
            requiresAuth: true
            modelCredentials: {nameRef: azure, keys: {apiKey: key}}
            liteLLMParams: {model: azure/gpt-4o}
        extraEnvVars:
          - {name: LITELLM_LOG, value: INFO}
          - name: OTEL_TOKEN
            valueFrom: {secretKeyRef: {name: otel, key: token}}
      """;

  private static final String GOOD_CREDENTIAL = """
      apiVersion: litellm.litellm.ai/v1alpha1
      kind: Credential
      metadata: {name: openai-prod, namespace: team-a}
      spec:
        connectionRef:
          instanceRef: {name: proxy}
        credentialName: openai-prod
        secretRef:
          secretName: openai
          keys: {apiKey: OPENAI_API_KEY, apiBase: base}
          extraKeys: {organization: org-id}
        credentialInfo: {description: production key, provider: openai}
      """;

  @Test
  void acceptsWellFormedResources() {
    assertEquals(List.of(), MODEL.validateYaml(GOOD_MODEL));
    assertEquals(List.of(), INSTANCE.validateYaml(GOOD_INSTANCE));
    assertEquals(List.of(), CREDENTIAL.validateYaml(GOOD_CREDENTIAL));
  }

  @ParameterizedTest(name = "Credential rejects {0}")
  @CsvSource(delimiter = '|', value = {
      "missing secretRef          | 'secretRef:'                 | 'secretRefz:'",
      "empty secret name          | 'secretName: openai'         | 'secretName: \"\"'",
      "missing secret name        | 'secretName: openai'         | 'namespace: team-a'",
      "a slash in the name        | 'credentialName: openai-prod' | 'credentialName: openai/prod'",
      "empty credential name      | 'credentialName: openai-prod' | 'credentialName: \"\"'",
      "unknown key mapping        | 'apiBase: base'              | 'apiBasis: base'",
      "empty key mapping          | 'apiBase: base'              | 'apiBase: \"\"'",
      "non-string extra key       | 'organization: org-id'       | 'organization: {a: b}'",
      "missing connectionRef      | 'connectionRef:'             | 'connectionRefz:'",
      "both connectionRef members | 'instanceRef: {name: proxy}' | 'instanceRef: {name: proxy}\n    secretRef: {secretName: proxy-conn}'",
      "neither connectionRef member | 'instanceRef: {name: proxy}' | '{}'",
      "empty instance name        | 'instanceRef: {name: proxy}' | 'instanceRef: {name: \"\"}'",
      "instance name too long     | 'instanceRef: {name: proxy}' | 'instanceRef: {name: proxy-with-a-name-longer-than-a-service-name-allows-abcdefgh}'",
  })
  void rejectsMalformedCredentials(String why, String from, String to) {
    assertTrue(GOOD_CREDENTIAL.contains(from), "test setup: " + from);
    List<String> errors = CREDENTIAL.validateYaml(GOOD_CREDENTIAL.replace(from, to));
    assertFalse(errors.isEmpty(), why + " must be rejected");
  }

  @ParameterizedTest(name = "Model rejects {0}")
  @CsvSource(delimiter = '|', value = {
      "missing litellmParams.model | 'model: azure/gpt-4o-eu' | 'organization: x'",
      "empty litellmParams.model   | 'model: azure/gpt-4o-eu' | 'model: \"\"'",
      "empty modelName             | 'modelName: gpt-4o'      | 'modelName: \"\"'",
      "missing modelName           | 'modelName: gpt-4o'      | 'foo: bar'",
      "string rpm                  | 'rpm: 600'               | 'rpm: lots'",
      "negative tpm                | 'tpm: 100000'            | 'tpm: -1'",
      "unparsable cost             | 'inputCostPerToken: \"0.0000025\"' | 'inputCostPerToken: \"cheap\"'",
      "unknown field               | 'apiVersion: \"2024-10-21\"' | 'apiVersionz: \"2024-10-21\"'",
      "empty secret name           | 'secretName: azure-creds' | 'secretName: \"\"'",
      "empty instance name         | 'instanceRef: {name: proxy}' | 'instanceRef: {name: \"\"}'",
  })
  void rejectsMalformedModels(String why, String from, String to) {
    assertTrue(GOOD_MODEL.contains(from), "test setup: " + from);
    List<String> errors = MODEL.validateYaml(GOOD_MODEL.replace(from, to));
    assertFalse(errors.isEmpty(), why + " must be rejected");
  }

  @ParameterizedTest(name = "LiteLLMInstance rejects {0}")
  @CsvSource(delimiter = '|', value = {
      "negative replicas     | 'replicas: 2'              | 'replicas: -1'",
      "string replicas       | 'replicas: 2'              | 'replicas: two'",
      "model without model   | 'liteLLMParams: {model: azure/gpt-4o}' | 'liteLLMParams: {rpm: 1}'",
      "model without id      | 'identifier: gpt-4o-eu'    | '# no identifier'",
      "string ingress flag   | 'enabled: true'            | 'enabled: yesplease'",
      "env var without name  | '{name: LITELLM_LOG, value: INFO}' | '{value: INFO}'",
      "db ref without keys   | 'nameRef: db'              | 'nameRef: \"\"'",
  })
  void rejectsMalformedInstances(String why, String from, String to) {
    assertTrue(GOOD_INSTANCE.contains(from), "test setup: " + from);
    List<String> errors = INSTANCE.validateYaml(GOOD_INSTANCE.replace(from, to));
    assertFalse(errors.isEmpty(), why + " must be rejected");
  }
}
