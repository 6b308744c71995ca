package ai.litellm.operator.sandbox.apiserver;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One served resource type, as discovery, OpenAPI and table printing need to know it; {@code openApiSchema} is a CRD
 * version's openAPIV3Schema (null for the built-in kinds, whose schemas are not served).
 */
record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean statusSubresource,
    List<PrinterColumn> printerColumns,
    JsonNode openApiSchema) {

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** A CRD additionalPrinterColumn (name, type, JSONPath, priority). */
  record PrinterColumn(String name, String type, String format, String description, String jsonPath, int priority) {}

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Key of the group/version in OpenAPI v3: {@code api/v1} or {@code apis/<group>/<version>}. */
  String openApiGroupVersionPath() {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }

  static ApiResource builtIn(String group, String version, String plural, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories) {
    return new ApiResource(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
        shortNames, categories, false, List.of(), null);
  }
}
