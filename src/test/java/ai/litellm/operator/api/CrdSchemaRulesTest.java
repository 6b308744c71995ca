package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.CrdRuleCases;
import ai.litellm.operator.testing.CrdSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD rules of issue #14 as the offline validator applies them (the one {@code render} uses): every case of
 * {@link CrdRuleCases} is accepted or rejected, and a rejection names the field. CrdRulesRealClusterTest runs the same
 * cases on a real API server.
 */
class CrdSchemaRulesTest {

  static List<CrdRuleCases.Case> cases() {
    return CrdRuleCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theValidatorAppliesTheRule(CrdRuleCases.Case c) {
    List<String> problems = CrdSchema.forKind(c.kind()).validateYaml(c.yaml("team-a"));
    if (c.accepted()) {
      assertEquals(List.of(), problems);
    } else {
      assertTrue(problems.stream().anyMatch(p -> p.startsWith(c.field() + ": ")),
          "expected a problem at " + c.field() + " in " + problems);
    }
  }

  @Test
  void aRuleSpanningFieldsIsExplainedByItsDescription() {
    assertEquals(List.of("spec.connectionRef: breaks the rule \"How to reach the LiteLLM proxy; set exactly one of"
        + " secretRef and instanceRef.\""), validate("both-refs"));
    assertEquals(List.of("spec.ingress: breaks the rule \"Ingress for the proxy; host is required when enabled.\""),
        validate("ingress-no-host"));
  }

  @Test
  void aMissingFieldAndAnOutOfRangeValueNameTheField() {
    assertEquals(List.of("spec.connectionRef: is required"), validate("no-connection"));
    assertEquals(List.of("spec.modelInfo.id: must be at most 253 characters long"), validate("id-254"));
  }

  private static List<String> validate(String name) {
    CrdRuleCases.Case c = CrdRuleCases.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return CrdSchema.forKind(c.kind()).validateYaml(c.yaml("team-a"));
  }
}
