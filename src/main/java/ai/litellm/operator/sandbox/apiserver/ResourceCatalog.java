package ai.litellm.operator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Every resource type the server currently serves: the built-ins plus one entry per served version of each stored
 * CustomResourceDefinition (read from the store on each call, so a CRD created or deleted through the API shows up in
 * discovery at once, like on a real cluster). A CRD for a built-in group/plural overrides the built-in entry.
 */
final class ResourceCatalog {
  private final Supplier<List<JsonNode>> storedCrds;

  ResourceCatalog(Supplier<List<JsonNode>> storedCrds) {
    this.storedCrds = storedCrds;
  }

  List<ApiResource> all() {
    Map<String, ApiResource> byKey = new LinkedHashMap<>();
    for (ApiResource r : BuiltInResources.RESOURCES) {
      byKey.put(key(r.group(), r.version(), r.plural()), r);
    }
    for (JsonNode crd : storedCrds.get()) {
      for (ApiResource r : fromCrd(crd)) {
        byKey.put(key(r.group(), r.version(), r.plural()), r);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  Optional<ApiResource> find(String group, String version, String plural) {
    return all().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  /** Group names in first-seen order, core ("") excluded. */
  List<String> groups(List<ApiResource> resources) {
    List<String> groups = new ArrayList<>();
    for (ApiResource r : resources) {
      if (!r.group().isEmpty() && !groups.contains(r.group())) {
        groups.add(r.group());
      }
    }
    return groups;
  }

  static List<ApiResource> fromCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String group = spec.path("group").asString("");
    String plural = names.path("plural").asString("");
    String kind = names.path("kind").asString("");
    if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
      return List.of();
    }
    String singular = names.path("singular").asString(kind.toLowerCase(java.util.Locale.ROOT));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asString("Namespaced"));
    List<String> shortNames = strings(names.path("shortNames"));
    List<String> categories = strings(names.path("categories"));
    List<ApiResource> out = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      List<ApiResource.PrinterColumn> columns = new ArrayList<>();
      for (JsonNode c : v.path("additionalPrinterColumns")) {
        columns.add(new ApiResource.PrinterColumn(c.path("name").asString(""), c.path("type").asString("string"),
            c.path("format").asString(""), c.path("description").asString(""), c.path("jsonPath").asString(""),
            c.path("priority").asInt(0)));
      }
      boolean status = v.path("subresources").has("status");
      out.add(new ApiResource(group, v.path("name").asString(), plural, singular, kind, namespaced, shortNames,
          categories, status, columns, v.path("schema").path("openAPIV3Schema").isObject()
              ? v.path("schema").path("openAPIV3Schema") : null));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asString());
    }
    return out;
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
