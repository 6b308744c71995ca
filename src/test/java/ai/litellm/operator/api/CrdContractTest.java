package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.CrdSchema;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The CRD manifests and the Java API types must describe the same wire format: every Java field is a schema property
 * of the matching type and every schema property is a Java field. Names, groups, versions and defaults agree too.
 */
class CrdContractTest {

  @ParameterizedTest
  @ValueSource(classes = {Model.class, LiteLLMInstance.class, Credential.class})
  void schemaAndJavaTypesDescribeTheSameFields(Class<? extends HasMetadata> type) {
    CrdSchema crd = CrdSchema.forKind(HasMetadata.getKind(type));
    List<String> problems = new ArrayList<>();
    JsonNode root = crd.openApiSchema().path("properties");
    Class<?> spec = (Class<?>) ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[0];
    Class<?> status = (Class<?>) ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[1];
    compare("spec", spec, root.path("spec"), problems);
    compare("status", status, root.path("status"), problems);
    assertTrue(problems.isEmpty(), "CRD and Java types disagree:\n  " + String.join("\n  ", problems));
  }

  @ParameterizedTest
  @ValueSource(classes = {Model.class, LiteLLMInstance.class, Credential.class})
  void namesGroupAndVersionAgree(Class<? extends HasMetadata> type) {
    JsonNode crd = CrdSchema.forKind(HasMetadata.getKind(type)).crd();
    assertEquals(type.getAnnotation(Group.class).value(), crd.at("/spec/group").asString());
    assertEquals(type.getAnnotation(Version.class).value(), crd.at("/spec/versions/0/name").asString());
    assertEquals(type.getAnnotation(Plural.class).value(), crd.at("/spec/names/plural").asString());
    assertEquals("Namespaced", crd.at("/spec/scope").asString());
    Set<String> shortNames = new TreeSet<>();
    crd.at("/spec/names/shortNames").forEach(n -> shortNames.add(n.asString()));
    assertEquals(new TreeSet<>(List.of(type.getAnnotation(ShortNames.class).value())), shortNames);
    assertEquals(HasMetadata.getPlural(type) + "." + HasMetadata.getGroup(type), crd.at("/metadata/name").asString());
    assertTrue(crd.at("/spec/versions/0/subresources/status").isObject(), "status subresource");
  }

  @ParameterizedTest
  @ValueSource(strings = {"image", "replicas"})
  void instanceDefaultsAgree(String field) throws Exception {
    JsonNode schemaDefault = CrdSchema.forKind("LiteLLMInstance").openApiSchema().at("/properties/spec/properties/" + field + "/default");
    Object javaDefault = LiteLLMInstanceSpec.class.getField(field).get(new LiteLLMInstanceSpec());
    assertEquals(String.valueOf(javaDefault), schemaDefault.asString(), field);
  }

  private static void compare(String path, Class<?> type, JsonNode schema, List<String> problems) {
    Set<String> javaFields = new TreeSet<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      javaFields.add(f.getName());
      JsonNode prop = schema.path("properties").path(f.getName());
      String where = path + "." + f.getName();
      if (prop.isMissingNode()) {
        problems.add(where + ": Java field has no schema property");
        continue;
      }
      compareType(where, f.getGenericType(), prop, problems);
    }
    schema.path("properties").propertyNames().forEach(name -> {
      if (!javaFields.contains(name)) {
        problems.add(path + "." + name + ": schema property has no Java field");
      }
    });
  }

  private static void compareType(String where, Type type, JsonNode prop, List<String> problems) {
    String schemaType = prop.path("type").asString("");
    if (type instanceof ParameterizedType pt && pt.getRawType() == Map.class) {
      expect(where, "object", schemaType, problems);
      if (pt.getActualTypeArguments()[0] != String.class || prop.has("properties")) {
        problems.add(where + ": a map needs String keys and additionalProperties, not properties");
      }
      compareType(where + "{}", pt.getActualTypeArguments()[1], prop.path("additionalProperties"), problems);
      return;
    }
    if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
      expect(where, "array", schemaType, problems);
      JsonNode items = prop.path("items");
      if (pt.getActualTypeArguments()[0] == Object.class) {
        // A list of any JSON values (e.g. strings and objects mixed): untyped items that keep what they hold.
        if (items.has("type") || !items.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
          problems.add(where + "[]: a List<Object> needs untyped items that preserve unknown fields");
        }
        return;
      }
      compareType(where + "[]", pt.getActualTypeArguments()[0], items, problems);
      return;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      expect(where, "string", schemaType, problems);
    } else if (c == Integer.class || c == Long.class) {
      expect(where, "integer", schemaType, problems);
      String format = prop.path("format").asString("");
      if (!format.equals(c == Integer.class ? "int32" : "int64")) {
        problems.add(where + ": format " + format + " does not fit " + c.getSimpleName());
      }
    } else if (c == Boolean.class) {
      expect(where, "boolean", schemaType, problems);
    } else if (c == Object.class) {
      expect(where, "object", schemaType, problems);
      if (!prop.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        problems.add(where + ": a RawExtension field must preserve unknown fields");
      }
    } else if (c == EnvVar.class || c == Condition.class) {
      expect(where, "object", schemaType, problems);
      if (!prop.path("properties").has(c == EnvVar.class ? "valueFrom" : "lastTransitionTime")) {
        problems.add(where + ": schema does not describe " + c.getSimpleName());
      }
    } else if (c.getPackage() == Model.class.getPackage()) {
      expect(where, "object", schemaType, problems);
      compare(where, c, prop, problems);
    } else {
      problems.add(where + ": unexpected Java type " + c.getName());
    }
  }

  private static void expect(String where, String want, String got, List<String> problems) {
    if (!want.equals(got)) {
      problems.add(where + ": schema type " + got + ", Java wants " + want);
    }
  }
}
