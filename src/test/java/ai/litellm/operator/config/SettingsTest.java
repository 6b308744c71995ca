package ai.litellm.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The settings table is the one source of OperatorConfig's defaults, and its parsers say what was wrong. */
class SettingsTest {

  @Test
  void everyConfigFieldHasExactlyOneRow() {
    Set<String> fields = Arrays.stream(OperatorConfig.class.getFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    List<String> rows = Settings.ALL.stream().map(Setting::field).sorted().toList();
    assertEquals(List.copyOf(fields), rows, "a field without a row would have no default; a row twice, two");
  }

  @Test
  void aNewConfigHoldsTheTablesDefaults() throws Exception {
    OperatorConfig c = new OperatorConfig();
    for (Setting s : Settings.ALL) {
      Object value = OperatorConfig.class.getField(s.field()).get(c);
      assertNotNull(value, s.field());
      assertEquals(s.type().parse(s.defaultValue()), value, s.field());
    }
    // A few spelled out, so a changed default is a visible, deliberate edit of this test too.
    assertEquals(500.0, c.kubeWriteQps);
    assertEquals(0.0, c.litellmRps, "no rate ceiling: each proxy's in-flight limit adapts");
    assertEquals(256, c.litellmWaitQueue);
    assertEquals(Duration.ofSeconds(60), c.consistencyGrace);
    assertEquals("none", c.shardingMode);
    assertEquals(List.of(), c.namespaces);
    assertEquals("0.0.0.0", c.managementHost);
  }

  @Test
  void copyIsIndependent() {
    OperatorConfig a = new OperatorConfig();
    a.partitions = 3;
    OperatorConfig b = a.copy();
    b.partitions = 4;
    assertEquals(3, a.partitions);
    assertEquals(4, b.partitions);
  }

  @Test
  void parsersAcceptTheDocumentedFormsAndNameWhatIsWrong() {
    assertEquals(Duration.ofMillis(200), SettingType.DURATION.parse("200ms"));
    assertEquals(Duration.ofMinutes(5), SettingType.DURATION.parse("PT5M"));
    assertEquals(List.of("a", "b"), SettingType.LIST.parse(" a, ,b,"));
    assertEquals(true, SettingType.BOOLEAN.parse("TRUE"));
    assertEquals("ring", Settings.byField("shardingMode").type().parse("Ring"));
    assertEquals(0.5, SettingType.NUMBER.parse("0.5"));

    SettingType<?> sharding = Settings.byField("shardingMode").type();
    assertMessage("'rings' is not one of none, ring, static", () -> sharding.parse("rings"));
    assertMessage("'yes' is not true or false", () -> SettingType.BOOLEAN.parse("yes"));
    assertMessage("'1.5' is not a whole number", () -> SettingType.INTEGER.parse("1.5"));
    assertMessage("'10 min' is not a duration", () -> SettingType.DURATION.parse("10 min"));
  }

  @Test
  void flagsAndVariablesFollowOneNamingRule() {
    for (Setting s : Settings.ALL) {
      if (!s.hasFlag()) {
        assertTrue(s.env().isEmpty(), s.field() + ": a setting only code sets reads no variable");
        continue;
      }
      assertTrue(s.flag().matches("[a-z][a-z0-9-]*"), s.flag());
      assertTrue(s.env().get(0).startsWith("LITELLM_OPERATOR_"), s.env().toString());
      assertTrue(!s.doc().isBlank(), s.field());
    }
    assertEquals(Settings.byField("kubeWriteQps"), Settings.byOption("--kube-write-qps").orElseThrow());
  }

  private static void assertMessage(String expectedStart, org.junit.jupiter.api.function.Executable parse) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse);
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }
}
