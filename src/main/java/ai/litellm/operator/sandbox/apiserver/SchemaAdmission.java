package ai.litellm.operator.sandbox.apiserver;

import ai.litellm.operator.kube.CrdValidator;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admission of custom resources as the API server does it, from the CRD's schema for the request's version: unknown
 * fields pruned (a 400 naming them with {@code fieldValidation=Strict}, what kubectl sends; a {@code Warning} header
 * otherwise), defaults filled in, then the schema validated by the one {@link CrdValidator} (a 422 {@code Invalid}
 * Status whose causes name the fields). The admitted object is what gets stored and what the write answers.
 *
 * <p>A write is admitted when the mock is about to store it (after it applied a patch or merged a status), so every
 * way in (create, update, merge/JSON/strategic patch, server-side apply, /status) is covered. Only client writes are
 * checked: the dispatcher marks one with {@link #begin} on its thread; the mock's own writes (marking a deletion) are not.
 */
final class SchemaAdmission {
  /** What a write asks for unknown fields ({@code fieldValidation}; the API server's default is Warn). */
  private enum FieldValidation { IGNORE, WARN, STRICT }

  /** A write refused by admission; {@link #response()} is the answer. */
  static final class Refused extends RuntimeException {
    private final transient MockResponse response;

    private Refused(MockResponse response) {
      super(null, null, false, false);
      this.response = response;
    }

    MockResponse response() {
      return response;
    }
  }

  /** The client write in progress on this thread. */
  private static final class Write {
    final FieldValidation fieldValidation;
    final List<String> warnings = new ArrayList<>();
    String admitted;

    Write(FieldValidation fieldValidation) {
      this.fieldValidation = fieldValidation;
    }
  }

  private record Schema(String kind, String group, CrdValidator validator, JsonNode openApi) {}

  private final Supplier<List<JsonNode>> crds;
  /** Keyed group/version/plural; emptied whenever a CRD is written or deleted. */
  private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();
  private final ThreadLocal<Write> current = new ThreadLocal<>();
  private final boolean enabled;

  /** @param enabled false: every write is stored as sent (EmbeddedApiServerOptions.withSchemaAdmission) */
  SchemaAdmission(Supplier<List<JsonNode>> crds, boolean enabled) {
    this.crds = crds;
    this.enabled = enabled;
  }

  /** Marks the request on this thread as a client write (POST, PUT, PATCH), to be admitted when stored. */
  void begin(String method, RequestPath target) {
    if (enabled && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      String mode = target.query().getOrDefault("fieldValidation", "Warn").toUpperCase(Locale.ROOT);
      current.set(new Write(mode.equals("STRICT") ? FieldValidation.STRICT
          : mode.equals("IGNORE") ? FieldValidation.IGNORE : FieldValidation.WARN));
    }
  }

  /** The successful answer of this thread's write carries what was stored, and the pruning warnings. */
  MockResponse answer(MockResponse response) {
    Write write = current.get();
    if (write != null && response != null && response.code() < 300 && write.admitted != null) {
      response.setBody(write.admitted);
      write.warnings.forEach(w -> response.addHeader("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\""));
    }
    return response;
  }

  void end() {
    current.remove();
  }

  void crdsChanged() {
    schemas.clear();
  }

  /**
   * The state to store for a write of {@code path}: as given when no CRD schema applies or the write is not a
   * client's, else pruned, defaulted and validated; throws {@link Refused} when the API server would refuse it.
   *
   * @param oldState the stored state it replaces (null on create): an update whose spec only regains its defaults
   *     keeps its generation, as on a real server
   */
  String admit(String path, String newState, String oldState) {
    Write write = current.get();
    if (write == null || newState == null) {
      return newState;
    }
    Optional<Schema> schema = ResourcePath.parse(RequestPath.parse(path).path()).filter(p -> !p.group().isEmpty())
        .flatMap(p -> schemas.computeIfAbsent(p.group() + "/" + p.version() + "/" + p.plural(), k -> lookup(p)));
    if (schema.isEmpty()) {
      return newState;
    }
    ObjectNode object = (ObjectNode) JsonResponses.MAPPER.readTree(newState);
    List<String> unknown = StructuralSchema.prune(object, schema.get().openApi());
    if (!unknown.isEmpty() && write.fieldValidation == FieldValidation.STRICT) {
      throw new Refused(JsonResponses.status(400, "BadRequest", "strict decoding error: "
          + String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList())));
    }
    if (write.fieldValidation == FieldValidation.WARN) {
      unknown.forEach(f -> write.warnings.add("unknown field \"" + f + "\""));
    }
    StructuralSchema.applyDefaults(object, schema.get().openApi());
    List<String> problems = schema.get().validator().validate(object);
    if (!problems.isEmpty()) {
      throw new Refused(invalid(schema.get(), object.path("metadata").path("name").asString(""), problems));
    }
    keepGenerationOfUnchangedSpec(object, oldState);
    write.admitted = JsonResponses.MAPPER.writeValueAsString(object);
    return write.admitted;
  }

  private Optional<Schema> lookup(ResourcePath p) {
    for (JsonNode crd : crds.get()) {
      JsonNode spec = crd.path("spec");
      if (p.group().equals(spec.path("group").asString("")) && p.plural().equals(spec.path("names").path("plural")
          .asString(""))) {
        return CrdValidator.of(crd, p.version()).map(v -> new Schema(v.kind(), p.group(), v, v.openApiSchema()));
      }
    }
    return Optional.empty();
  }

  /** The mock bumped the generation before defaulting; a spec equal to the stored one after defaulting keeps it. */
  private static void keepGenerationOfUnchangedSpec(ObjectNode object, String oldState) {
    if (oldState == null) {
      return;
    }
    JsonNode old = JsonResponses.MAPPER.readTree(oldState);
    JsonNode oldGeneration = old.path("metadata").path("generation");
    if (object.path("metadata") instanceof ObjectNode meta && !oldGeneration.isMissingNode()
        && Objects.equals(old.get("spec"), object.get("spec"))) {
      meta.set("generation", oldGeneration);
    }
  }

  /** A 422 Invalid Status as the API server writes it: kubectl prints each cause as "field: message". */
  private static MockResponse invalid(Schema schema, String name, List<String> problems) {
    MockResponse response = JsonResponses.status(422, "Invalid", schema.kind() + "." + schema.group() + " \"" + name
        + "\" is invalid: " + String.join(", ", problems));
    ObjectNode status = (ObjectNode) JsonResponses.MAPPER.readTree(response.getBody().getBytes());
    ObjectNode details = status.putObject("details");
    details.put("name", name).put("group", schema.group()).put("kind", schema.kind());
    ArrayNode causes = details.putArray("causes");
    for (String problem : problems) {
      int colon = problem.indexOf(": ");
      String field = colon < 0 || problem.startsWith("(root)") ? "" : problem.substring(0, colon);
      String message = colon < 0 ? problem : problem.substring(colon + 2);
      boolean required = message.equals("is required");
      causes.addObject().put("reason", required ? "FieldValueRequired" : "FieldValueInvalid")
          .put("message", required ? "Required value" : message).put("field", field);
    }
    return JsonResponses.json(422, status);
  }
}
