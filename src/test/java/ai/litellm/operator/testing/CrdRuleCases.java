package ai.litellm.operator.testing;

import java.util.List;

/**
 * Custom resources on either side of the CRD rules of issue #14 (points 6 and 7): exactly one connection, host when
 * enabled, non-negative decimals, configurable_clientside_auth_params as a list, name and id lengths, and the rules
 * the controller used to be alone in checking. One list, run by the offline validator (CrdSchemaRulesTest, what
 * {@code render} uses) and by a real API server (CrdRulesRealClusterTest), so both are held to the same cases.
 */
public final class CrdRuleCases {
  private CrdRuleCases() {}

  /**
   * @param spec the spec as YAML flow mapping content (without braces)
   * @param field the field path a rejection names ({@code spec.connectionRef}), or null when the resource is valid
   */
  public record Case(String why, String kind, String name, String spec, String field) {
    public boolean accepted() {
      return field == null;
    }

    /** The resource as YAML, in {@code namespace}. */
    public String yaml(String namespace) {
      return "apiVersion: litellm.litellm.ai/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + ", namespace: "
          + namespace + "}\nspec: {" + spec + "}\n";
    }

    @Override
    public String toString() {
      return kind + " " + why + (accepted() ? " is accepted" : " is rejected at " + field);
    }
  }

  private static final String INSTANCE_REF = "connectionRef: {instanceRef: {name: proxy}}";
  private static final String LONG = "x".repeat(254);

  public static List<Case> all() {
    return List.of(
        model("instance-ref", "an instanceRef", INSTANCE_REF, null),
        model("secret-ref", "a secretRef", "connectionRef: {secretRef: {secretName: conn}}", null),
        model("both-refs", "both refs",
            "connectionRef: {instanceRef: {name: p}, secretRef: {secretName: c}}", "spec.connectionRef"),
        model("empty-connection", "an empty connectionRef", "connectionRef: {}", "spec.connectionRef"),
        model("no-connection", "no connectionRef", "", "spec.connectionRef"),
        model("negative-cost", "a negative cost", INSTANCE_REF + ", PARAMS inputCostPerToken: '-0.5'",
            "spec.litellmParams.inputCostPerToken"),
        model("negative-budget", "a negative budget", INSTANCE_REF + ", PARAMS maxBudget: '-1e3'",
            "spec.litellmParams.maxBudget"),
        model("plus-cost", "a cost with a plus sign and exponent", INSTANCE_REF + ", PARAMS inputCostPerToken:"
            + " '+2.5e-6', outputCostPerToken: '.5', maxBudget: '100'", null),
        model("auth-params-list", "clientside auth params as strings and {api_base} objects",
            INSTANCE_REF + ", PARAMS configurableClientsideAuthParams: [api_key, {api_base: 'https://.*\\.example"
                + "\\.com'}]", null),
        model("auth-params-object", "clientside auth params as an object",
            INSTANCE_REF + ", PARAMS configurableClientsideAuthParams: {api_base: x}",
            "spec.litellmParams.configurableClientsideAuthParams"),
        model("id-253", "a 253-character model id", INSTANCE_REF + ", modelInfo: {id: " + "i".repeat(253) + "}", null),
        model("id-254", "a 254-character model id", INSTANCE_REF + ", modelInfo: {id: " + LONG + "}",
            "spec.modelInfo.id"),
        model("team-254", "a 254-character team id", INSTANCE_REF + ", modelInfo: {teamId: " + LONG + "}",
            "spec.modelInfo.teamId"),
        model("model-name-254", "a 254-character model name", INSTANCE_REF + ", MODELNAME " + LONG,
            "spec.modelName"),
        model("instance-name-56", "a 56-character instance name", "connectionRef: {instanceRef: {name: "
            + "p".repeat(56) + "}}", "spec.connectionRef.instanceRef.name"),
        model("secret-name-254", "a 254-character secret name", "connectionRef: {secretRef: {secretName: " + LONG
            + "}}", "spec.connectionRef.secretRef.secretName"),
        model("namespace-64", "a 64-character namespace", "connectionRef: {secretRef: {secretName: c, namespace: "
            + "n".repeat(64) + "}}", "spec.connectionRef.secretRef.namespace"),
        model("reserved-info-key", "a reserved model_info key",
            INSTANCE_REF + ", modelInfo: {additionalProp1: {litellm_operator_owner: x}}",
            "spec.modelInfo.additionalProp1"),
        model("free-info-key", "a free model_info key",
            INSTANCE_REF + ", modelInfo: {additionalProp1: {base_model: azure/gpt-4o}}", null),

        instance("ingress-host", "ingress on with a host", "ingress: {enabled: true, host: a.example.com}", null),
        instance("ingress-no-host", "ingress on without a host", "ingress: {enabled: true}", "spec.ingress"),
        instance("ingress-empty-host", "ingress on with an empty host", "ingress: {enabled: true, host: ''}",
            "spec.ingress"),
        instance("ingress-off", "ingress off without a host", "ingress: {enabled: false}", null),
        instance("ingress-unset", "ingress without the flag (off) or a host", "ingress: {}", null),
        instance("gateway-host", "gateway on with a host", "gateway: {enabled: true, host: a.example.com}", null),
        instance("gateway-no-host", "gateway on without a host", "gateway: {enabled: true}", "spec.gateway"),
        instance("db-keys", "database keys without dbnameSecret", "databaseSecretRef: {nameRef: db, keys: {hostSecret:"
            + " h, usernameSecret: u, passwordSecret: p}}", "spec.databaseSecretRef.keys.dbnameSecret"),
        instance("redis-keys", "redis keys without portSecret", "redisSecretRef: {nameRef: r, keys: {hostSecret: h}}",
            "spec.redisSecretRef.keys.portSecret"),
        instance("auth-no-keys", "requiresAuth without credential keys", "models: [{modelName: a, identifier: a,"
            + " requiresAuth: true, modelCredentials: {nameRef: s}, liteLLMParams: {model: openai/a}}]",
            "spec.models[0]"),
        instance("auth-keys", "requiresAuth with credential keys", "models: [{modelName: a, identifier: a,"
            + " requiresAuth: true, modelCredentials: {nameRef: s, keys: {apiKey: k}}, liteLLMParams:"
            + " {model: openai/a, configurableClientsideAuthParams: [api_base]}}]", null),
        instance("identifier-201", "a 201-character identifier", "models: [{modelName: a, identifier: "
            + "i".repeat(201) + ", liteLLMParams: {model: openai/a}}]", "spec.models[0].identifier"),
        instance("reserved-id", "a reserved init-model id", "models: [{modelName: a, identifier: a,"
            + " additionalProperties: {id: x}, liteLLMParams: {model: openai/a}}]",
            "spec.models[0].additionalProperties"),
        instance("negative-init-cost", "a negative init-model cost", "models: [{modelName: a, identifier: a,"
            + " liteLLMParams: {model: openai/a, outputCostPerToken: '-1'}}]",
            "spec.models[0].liteLLMParams.outputCostPerToken"),
        instance("master-key-env", "the master key env var", "extraEnvVars: [{name: LITELLM_MASTER_KEY, value: x}]",
            "spec.extraEnvVars[0].name"),
        instance("Proxy", "an upper-case name", "", "metadata.name"),
        instance("1proxy", "a name starting with a digit", "", "metadata.name"),
        instance("a-55-character-name-" + "a".repeat(35), "a 55-character name", "", null),
        instance("a-56-character-name-" + "a".repeat(36), "a 56-character name", "", "metadata.name"));
  }

  /**
   * A Model named {@code name}: {@code spec} holds the connection and other spec fields; "PARAMS x" moves x into
   * litellmParams (beside the provider model) and "MODELNAME x" replaces the public model name.
   */
  private static Case model(String name, String why, String spec, String field) {
    String params = "";
    String modelName = "gpt-4o";
    if (spec.contains("PARAMS ")) {
      params = ", " + spec.substring(spec.indexOf("PARAMS ") + 7);
      spec = spec.substring(0, spec.indexOf(", PARAMS "));
    } else if (spec.contains("MODELNAME ")) {
      modelName = spec.substring(spec.indexOf("MODELNAME ") + 10);
      spec = spec.substring(0, spec.indexOf(", MODELNAME "));
    }
    String all = (spec.isEmpty() ? "" : spec + ", ") + "modelName: " + modelName
        + ", litellmParams: {model: openai/gpt-4o" + params + "}";
    return new Case(why, "Model", name, all, field);
  }

  private static Case instance(String name, String why, String spec, String field) {
    return new Case(why, "LiteLLMInstance", name, spec, field);
  }
}
