package ai.litellm.operator.sandbox.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fabric8 CRUD dispatcher, made to answer like a cluster for kubectl and for clients that use server-side apply.
 *
 * <ul>
 *   <li>Discovery ({@code /version}, {@code /api}, {@code /apis}, resource lists) and a minimal OpenAPI (v3 with the
 *       CRDs' schemas, an empty v2), built from the built-in kinds and the CRDs in the store.
 *   <li>Server-side apply ({@code application/apply-patch+yaml}): a create when the object is absent, else a JSON
 *       merge patch of the applied object over the stored one. Approximations: fields the applier stopped sending
 *       are not removed, lists are replaced whole, no managedFields, no field-manager conflicts ({@code force} and
 *       {@code fieldManager} are accepted and ignored). An apply to {@code /status} patches only the status.
 *   <li>Strategic merge patch: sent on as a JSON merge patch with the {@code $}-directives removed (lists replaced).
 *   <li>Custom resources admitted against their CRD's schema when stored: pruned, defaulted, validated
 *       ({@link SchemaAdmission}).
 *   <li>Field selectors on any field of a list, and lists named {@code <Kind>List} ({@link ListBodies}).
 *   <li>{@code kubectl get}'s {@code as=Table} requests: a Table built from the CRD's additionalPrinterColumns.
 *   <li>API-server response codes (201 on create, 200 on patch) and Status bodies on errors.
 * </ul>
 *
 * See DESIGN.md in this package for what the underlying mock does not do.
 */
final class ClusterLikeDispatcher extends KubernetesCrudDispatcher {
  private static final String CRD_LIST_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  // Requests take the read side (the mock serialises them itself); preload takes the write side because it writes
  // the store directly, without the mock's own lock, which is private.
  private final ReadWriteLock storeGate = new ReentrantReadWriteLock();
  // Serialises the get-then-create-or-patch of server-side applies, so two applies of a new object do not both create.
  private final Object applyLock = new Object();
  private final ResourceCatalog catalog = new ResourceCatalog(this::storedCrds);
  private final DiscoveryResponder discovery = new DiscoveryResponder(catalog);
  private final OpenApiResponder openApi = new OpenApiResponder(catalog);
  private final TableBuilder tables = new TableBuilder(Clock.systemUTC());
  private final SchemaAdmission admission;

  /** @param schemaAdmission admit custom resources against their CRD's schema (see SchemaAdmission) */
  ClusterLikeDispatcher(boolean schemaAdmission) {
    super(List.of());
    this.admission = new SchemaAdmission(this::storedCrds, schemaAdmission);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    RequestPath target = RequestPath.parse(request.getPath());
    storeGate.readLock().lock();
    admission.begin(request.getMethod().toUpperCase(Locale.ROOT), target);
    try {
      MockResponse response = admission.answer(route(request, target));
      return normalise(request.getMethod(), target, response);
    } catch (SchemaAdmission.Refused refused) {
      return refused.response();
    } catch (IllegalArgumentException | JacksonException e) {
      return JsonResponses.status(400, "BadRequest", "invalid request: " + e.getMessage());
    } catch (io.fabric8.zjsonpatch.JsonPatchException e) {
      // A JSON patch whose "test" op fails (e.g. a stale resourceVersion): the mock would throw and never answer,
      // leaving the client to time out; a real API server rejects the patch with 422.
      return JsonResponses.status(422, "Invalid", "the server rejected our request due to an error in our request: "
          + e.getMessage());
    } finally {
      admission.end();
      storeGate.readLock().unlock();
    }
  }

  /** Every write the mock stores passes here: custom resources are admitted against their CRD's schema first. */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    if (path.startsWith(CRD_LIST_PATH)) {
      admission.crdsChanged();
    }
    Map.Entry<AttributeSet, String> old = oldAttributes == null ? null : findResource(oldAttributes);
    super.processEvent(path, pathAttributes, oldAttributes, resource,
        admission.admit(path, newState, old == null ? null : old.getValue()));
  }

  @Override
  public MockResponse handleDelete(String path) {
    if (path.startsWith(CRD_LIST_PATH)) {
      admission.crdsChanged();
    }
    return super.handleDelete(path);
  }

  /** Number of objects in the store, all kinds (CRDs included). */
  int objectCount() {
    return map.size();
  }

  ResourceCatalog catalog() {
    return catalog;
  }

  private MockResponse route(RecordedRequest request, RequestPath target) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("GET")) {
      Optional<MockResponse> fixed = discovery.respond(target.path())
          .or(() -> openApi.respond(target.path()))
          .or(() -> health(target.path()));
      if (fixed.isPresent()) {
        return fixed.get();
      }
      if (!target.isWatch() && wantsTable(request.getHeader("Accept"))) {
        return table(request, target);
      }
      return get(request, target);
    } else if (method.equals("PATCH")) {
      String contentType = request.getHeader("Content-Type");
      if (PatchBodies.isContentType(contentType, PatchBodies.APPLY_PATCH)) {
        return serverSideApply(request, target);
      }
      if (PatchBodies.isContentType(contentType, PatchBodies.STRATEGIC_MERGE_PATCH)) {
        String body = JsonResponses.MAPPER.writeValueAsString(PatchBodies.strategicAsMergePatch(request.getUtf8Body()));
        return super.dispatch(recorded(HttpMethod.PATCH, target.path(), PatchBodies.MERGE_PATCH, body));
      }
    }
    return super.dispatch(request);
  }

  private MockResponse serverSideApply(RecordedRequest request, RequestPath target) {
    Optional<ResourcePath> parsed = ResourcePath.parse(target.path());
    if (parsed.isEmpty() || parsed.get().name() == null) {
      return JsonResponses.status(405, "MethodNotAllowed", "server-side apply needs the path of one object");
    }
    ResourcePath path = parsed.get();
    ObjectNode applied = PatchBodies.appliedObject(request.getUtf8Body());
    JsonNode metaNode = applied.path("metadata");
    ObjectNode meta = metaNode.isObject() ? (ObjectNode) metaNode : applied.putObject("metadata");
    String bodyName = meta.path("name").asString("");
    if (!bodyName.isEmpty() && !bodyName.equals(path.name())) {
      return JsonResponses.status(400, "BadRequest",
          "the name of the object (" + bodyName + ") does not match the name on the URL (" + path.name() + ")");
    }
    meta.put("name", path.name());
    if (path.namespace() != null) {
      meta.put("namespace", path.namespace());
    }
    String json = JsonResponses.MAPPER.writeValueAsString(applied);
    String itemPath = path.collectionPath() + "/" + path.name();
    synchronized (applyLock) {
      MockResponse existing = super.handleGet(itemPath);
      if (existing.code() == 404) {
        if (path.subresource() != null) {
          return existing;
        }
        MockResponse created = super.handleCreate(
            recorded(HttpMethod.POST, path.collectionPath(), "application/json", json));
        return created.code() == 200 ? created.setResponseCode(201) : created;
      }
      if (path.subresource() != null) {
        return super.handlePatch(recorded(HttpMethod.PATCH, itemPath + "/" + path.subresource(),
            PatchBodies.MERGE_PATCH, json));
      }
      // The mock's own merge patch merges lists; RFC 7386 (and SSA of an atomic list) replaces them. So the merge is
      // done here and written as a JSON patch replacing each applied top-level member.
      JsonNode stored = JsonResponses.MAPPER.readTree(bodyText(existing));
      String jsonPatch = JsonResponses.MAPPER.writeValueAsString(PatchBodies.replaceMembers(stored, applied));
      return super.handlePatch(recorded(HttpMethod.PATCH, itemPath, PatchBodies.JSON_PATCH, jsonPatch));
    }
  }

  /**
   * A GET, with its {@code fieldSelector} applied here (the mock matches only metadata.name and metadata.namespace,
   * and a selector on any other field, such as kubectl describe's involvedObject.*, made it match nothing), and a
   * list named as the API server names it ({@code EventList} of {@code v1}, not {@code List}: client-go's typed
   * clients, e.g. kubectl describe's Events, decode nothing else). Watches keep the mock's behaviour.
   */
  private MockResponse get(RecordedRequest request, RequestPath target) {
    String selector = target.query().get("fieldSelector");
    Optional<ResourcePath> path = ResourcePath.parse(target.path());
    if (target.isWatch() || path.isEmpty() || path.get().name() != null) {
      return super.dispatch(request);
    }
    MockResponse plain = selector == null ? super.dispatch(request) : super.dispatch(new RecordedRequest(
        request.getHttpVersion(), request.method(), target.targetWithout("fieldSelector"), request.getHeaders(),
        request.getBody()));
    String body = bodyText(plain);
    if (plain.code() != 200 || !ListBodies.isMockList(body)) {
      return plain;
    }
    String kind = catalog.find(path.get().group(), path.get().version(), path.get().plural()).map(ApiResource::kind)
        .orElse("");
    return plain.setBody(ListBodies.asServerList(body, path.get().groupVersion(), kind,
        selector == null ? null : FieldSelector.parse(selector)));
  }

  private MockResponse table(RecordedRequest request, RequestPath target) {
    MockResponse plain = get(request, target);
    Optional<ResourcePath> path = ResourcePath.parse(target.path());
    if (plain.code() != 200 || path.isEmpty() || path.get().subresource() != null) {
      return plain;
    }
    Optional<ApiResource> resource = catalog.find(path.get().group(), path.get().version(), path.get().plural());
    if (resource.isEmpty()) {
      return plain;
    }
    JsonNode body = JsonResponses.MAPPER.readTree(bodyText(plain));
    return JsonResponses.ok(tables.build(resource.get(), body, target.query().get("includeObject")));
  }

  /**
   * Writes objects straight into the store, skipping HTTP and the mock's per-request scan of the whole store: the
   * way to stand up tens of thousands of objects for a benchmark. Each object gets uid, creationTimestamp,
   * resourceVersion and generation as a create would. No watch events are sent, so call this before informers
   * start. The objects must not exist yet (not checked against the store, for speed; duplicates within the batch are
   * rejected).
   */
  int preload(List<ObjectNode> objects) {
    List<ResourcePath> paths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // Read once: each catalog read lists the CRDs, which scans the whole store.
    List<ApiResource> served = catalog.all();
    for (ObjectNode object : objects) {
      ResourcePath path = pathOf(object, served);
      if (!seen.add(path.collectionPath() + "/" + path.name())) {
        throw new IllegalArgumentException("duplicate object in preload batch: " + path.collectionPath() + "/"
            + path.name());
      }
      paths.add(path);
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    storeGate.writeLock().lock();
    try {
      for (int i = 0; i < objects.size(); i++) {
        ObjectNode object = objects.get(i).deepCopy();
        ObjectNode meta = (ObjectNode) object.get("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now);
        meta.put("resourceVersion", Long.toString(requestResourceVersion()));
        if (!meta.has("generation")) {
          meta.put("generation", 1);
        }
        String json = JsonResponses.MAPPER.writeValueAsString(object);
        AttributeSet key = AttributeSet.merge(attributeExtractor.fromPath(paths.get(i).collectionPath()),
            attributeExtractor.fromResource(json));
        map.put(key, json);
      }
    } finally {
      storeGate.writeLock().unlock();
    }
    return objects.size();
  }

  private static ResourcePath pathOf(ObjectNode object, List<ApiResource> served) {
    String apiVersion = object.path("apiVersion").asString("");
    String kind = object.path("kind").asString("");
    String name = object.path("metadata").path("name").asString("");
    if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException("preloaded objects need apiVersion, kind and metadata.name");
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    ApiResource resource = served.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("kind " + kind + " of " + apiVersion
            + " is not served (install its CRD first)"));
    String namespace = null;
    if (resource.namespaced()) {
      namespace = object.path("metadata").path("namespace").asString("");
      if (namespace.isEmpty()) {
        namespace = "default";
        ((ObjectNode) object.get("metadata")).put("namespace", namespace);
      }
    }
    return new ResourcePath(group, version, namespace, resource.plural(), name, null);
  }

  private List<JsonNode> storedCrds() {
    MockResponse list = super.handleGet(CRD_LIST_PATH);
    List<JsonNode> crds = new ArrayList<>();
    if (list.code() == 200) {
      JsonNode body = JsonResponses.MAPPER.readTree(bodyText(list));
      body.path("items").forEach(crds::add);
    }
    return crds;
  }

  private static Optional<MockResponse> health(String path) {
    if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
      return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
          .setBody("ok"));
    }
    return Optional.empty();
  }

  private static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** Response codes and bodies as the API server sends them; the mock answers 200 to creates and 202 to patches. */
  private static MockResponse normalise(String method, RequestPath target, MockResponse response) {
    if (response == null) {
      return JsonResponses.status(405, "MethodNotAllowed", "method " + method + " is not supported");
    }
    if (response.getWebSocketListener() != null) {
      return response;
    }
    String m = method.toUpperCase(Locale.ROOT);
    if (m.equals("POST") && response.code() == 200) {
      response.setResponseCode(201);
    } else if (m.equals("PATCH") && response.code() == 202) {
      response.setResponseCode(200);
    }
    String body = bodyText(response);
    if (response.code() >= 400 && body.isBlank()) {
      return errorStatus(response.code(), target);
    }
    if (!body.isEmpty() && response.getHeaders().get("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static MockResponse errorStatus(int code, RequestPath target) {
    Optional<ResourcePath> path = ResourcePath.parse(target.path());
    String what = path.map(p -> (p.group().isEmpty() ? p.plural() : p.plural() + "." + p.group())
        + (p.name() == null ? "" : " \"" + p.name() + "\"")).orElse("the requested resource");
    return switch (code) {
      case 404 -> JsonResponses.status(404, "NotFound", what + " not found");
      case 409 -> JsonResponses.status(409, "Conflict", "Operation cannot be fulfilled on " + what);
      case 415 -> JsonResponses.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format");
      case 422 -> JsonResponses.status(422, "Invalid", what + " is invalid");
      default -> JsonResponses.status(code, "InternalError", "request failed with HTTP " + code);
    };
  }

  private static String bodyText(MockResponse response) {
    Buffer body = response.getBody();
    return body == null ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
  }

  private static RecordedRequest recorded(HttpMethod method, String path, String contentType, String body) {
    Headers headers = Headers.builder().add("Content-Type", contentType).build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }
}
