package ai.litellm.operator.sandbox.apiserver;

import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Just enough OpenAPI v3 for kubectl. Its default {@code --validate=strict} looks, per kind, for a PATCH operation
 * tagged with {@code x-kubernetes-group-version-kind} that takes a {@code fieldValidation} query parameter; finding one,
 * it leaves validation to the server (and sends {@code fieldValidation=Strict}) instead of downloading schemas for
 * client-side validation. The server validates custom resources (SchemaAdmission), not built-in kinds. Kinds of
 * groups absent here fall back to the Namespace entry in {@code api/v1}, as in kubectl.
 *
 * <p>Each CRD version's openAPIV3Schema is served as a component schema tagged with its group-version-kind, which is
 * what {@code kubectl explain} reads. {@code /openapi/v2} is an empty document (no definitions): kubectl always
 * validates a {@code kind: List} client-side from it, which then checks nothing and leaves each item to the server
 * (with a 404 there, {@code kubectl create -f} of a List failed); for strategic merge patch metadata kubectl falls
 * back to its compiled-in types, as before.
 */
final class OpenApiResponder {
  private static final String V3 = "/openapi/v3";
  /** What kube-apiserver answers to kubectl's Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf. */
  private static final String OPENAPI_V2_PROTOBUF = "application/octet-stream";
  /**
   * An OpenAPI v2 document without definitions, in the protobuf encoding kubectl asks for (gnostic openapi.v2.Document:
   * swagger = 1, info = 2 {title = 1, version = 2}, paths = 8). kubectl validates a {@code kind: List} client-side
   * from it and skips the kinds it has no definition for, so each item goes to the server, which validates it.
   */
  private static final byte[] EMPTY_V2_DOCUMENT = emptyV2Document();
  private final ResourceCatalog catalog;

  OpenApiResponder(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  Optional<MockResponse> respond(String path) {
    if (path.equals("/openapi/v2")) {
      return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", OPENAPI_V2_PROTOBUF)
          .setBody(new Buffer(EMPTY_V2_DOCUMENT)));
    }
    if (path.startsWith("/swagger")) {
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

  private static byte[] emptyV2Document() {
    java.io.ByteArrayOutputStream info = new java.io.ByteArrayOutputStream();
    protobufString(info, 1, "Kubernetes");
    protobufString(info, 2, DiscoveryResponder.SERVER_VERSION);
    java.io.ByteArrayOutputStream doc = new java.io.ByteArrayOutputStream();
    protobufString(doc, 1, "2.0");
    protobufBytes(doc, 2, info.toByteArray());
    protobufBytes(doc, 8, new byte[0]);
    return doc.toByteArray();
  }

  private static void protobufString(java.io.ByteArrayOutputStream out, int field, String value) {
    protobufBytes(out, field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A length-delimited field (wire type 2); lengths here stay below 128, so one varint byte. */
  private static void protobufBytes(java.io.ByteArrayOutputStream out, int field, byte[] value) {
    if (value.length > 127) {
      throw new IllegalArgumentException("field too long for a one-byte length");
    }
    out.write(field << 3 | 2);
    out.write(value.length);
    out.writeBytes(value);
  }

  /** {@code ai.litellm.litellm} for {@code litellm.litellm.ai}, as the API server names definitions. */
  private static String reversedGroup(String group) {
    List<String> parts = new java.util.ArrayList<>(List.of(group.split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
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
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ApiResource r : resources) {
      if (r.openApiSchema() != null) {
        ObjectNode schema = (ObjectNode) r.openApiSchema().deepCopy();
        schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", r.group())
            .put("version", r.version()).put("kind", r.kind());
        schemas.set(reversedGroup(r.group()) + "." + r.version() + "." + r.kind(), schema);
      }
    }
    return doc;
  }
}
