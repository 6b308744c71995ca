package ai.litellm.operator.sandbox.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Just enough OpenAPI v3 for kubectl's default {@code --validate=strict}: kubectl looks, per kind, for a PATCH
 * operation tagged with {@code x-kubernetes-group-version-kind} that takes a {@code fieldValidation} query parameter.
 * Finding one, it leaves validation to the server (and sends {@code fieldValidation=Strict}, which the mock ignores)
 * instead of downloading schemas for client-side validation. No schemas are served, so this server does not validate
 * field names or types; kinds of groups absent here fall back to the Namespace entry in {@code api/v1}, as in kubectl.
 *
 * <p>{@code /openapi/v2} answers 404: kubectl only reads it as protobuf, for {@code explain} and for strategic merge
 * patch metadata, and falls back to its compiled-in types for the latter.
 */
final class OpenApiResponder {
  private static final String V3 = "/openapi/v3";
  private final ResourceCatalog catalog;

  OpenApiResponder(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  Optional<MockResponse> respond(String path) {
    if (path.equals("/openapi/v2") || path.startsWith("/swagger")) {
      return Optional.of(JsonResponses.status(404, "NotFound", "the server could not find the requested resource"));
    }
    if (path.equals(V3)) {
      return Optional.of(JsonResponses.ok(index(catalog.all())));
    }
    if (path.startsWith(V3 + "/")) {
      String gv = path.substring(V3.length() + 1);
      List<ApiResource> resources = catalog.all().stream().filter(r -> r.openApiGroupVersionPath().equals(gv)).toList();
      if (resources.isEmpty()) {
        return Optional.of(JsonResponses.status(404, "NotFound", "the server could not find the requested resource"));
      }
      return Optional.of(JsonResponses.ok(document(resources)));
    }
    return Optional.empty();
  }

  private static ObjectNode index(List<ApiResource> all) {
    Set<String> gvs = new LinkedHashSet<>();
    all.forEach(r -> gvs.add(r.openApiGroupVersionPath()));
    ObjectNode index = JsonResponses.object();
    ObjectNode paths = index.putObject("paths");
    for (String gv : gvs) {
      // The hash changes when the set of kinds changes, so that kubectl's OpenAPI cache is invalidated.
      String hash = Integer.toHexString(all.stream().filter(r -> r.openApiGroupVersionPath().equals(gv))
          .map(ApiResource::kind).toList().hashCode());
      paths.putObject(gv).put("serverRelativeURL", V3 + "/" + gv + "?hash=" + hash);
    }
    return index;
  }

  private static ObjectNode document(List<ApiResource> resources) {
    ObjectNode doc = JsonResponses.object();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", DiscoveryResponder.SERVER_VERSION);
    ObjectNode paths = doc.putObject("paths");
    for (ApiResource r : resources) {
      String base = "/" + r.openApiGroupVersionPath();
      String itemPath = r.namespaced()
          ? base + "/namespaces/{namespace}/" + r.plural() + "/{name}"
          : base + "/" + r.plural() + "/{name}";
      ObjectNode patch = paths.putObject(itemPath).putObject("patch");
      patch.put("operationId", "patch" + r.kind());
      ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
      gvk.put("group", r.group());
      gvk.put("version", r.version());
      gvk.put("kind", r.kind());
      ObjectNode param = patch.putArray("parameters").addObject();
      param.put("name", "fieldValidation");
      param.put("in", "query");
      param.putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }
}
