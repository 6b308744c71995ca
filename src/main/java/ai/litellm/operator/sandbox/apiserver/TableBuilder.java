package ai.litellm.operator.sandbox.apiserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: turns a stored object or list into a {@code meta.k8s.io/v1 Table}, which is what
 * {@code kubectl get} asks for ({@code Accept: application/json;as=Table;...}). Custom resources get their CRD's
 * additionalPrinterColumns; built-in kinds get the generic Name + Age columns (a real server prints kind-specific
 * columns for them).
 */
final class TableBuilder {
  private static final ApiResource.PrinterColumn AGE = new ApiResource.PrinterColumn("Age", "date", "",
      "CreationTimestamp is a timestamp representing the server time when this object was created.",
      ".metadata.creationTimestamp", 0);

  private final Clock clock;

  TableBuilder(Clock clock) {
    this.clock = clock;
  }

  /** {@code includeObject}: "None", "Metadata" (the API server's default) or "Object". */
  ObjectNode build(ApiResource resource, JsonNode listOrObject, String includeObject) {
    List<ApiResource.PrinterColumn> columns = resource.printerColumns().isEmpty()
        ? List.of(AGE) : resource.printerColumns();
    List<SimpleJsonPath> paths = new ArrayList<>();
    for (ApiResource.PrinterColumn c : columns) {
      paths.add(parseOrNull(c.jsonPath()));
    }
    ObjectNode table = JsonResponses.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    JsonNode listMeta = listOrObject.path("metadata");
    if (listOrObject.has("items") && listMeta.has("resourceVersion")) {
      meta.put("resourceVersion", listMeta.path("resourceVersion").asString());
    }
    ArrayNode defs = table.putArray("columnDefinitions");
    ObjectNode name = defs.addObject();
    name.put("name", "Name");
    name.put("type", "string");
    name.put("format", "name");
    name.put("description", "Name must be unique within a namespace.");
    name.put("priority", 0);
    for (ApiResource.PrinterColumn c : columns) {
      ObjectNode d = defs.addObject();
      d.put("name", c.name());
      d.put("type", c.type());
      d.put("format", c.format());
      d.put("description", c.description());
      d.put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (listOrObject.has("items")) {
      listOrObject.path("items").forEach(items::add);
    } else {
      items.add(listOrObject);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asString(""));
      for (int i = 0; i < columns.size(); i++) {
        cells.add(cell(columns.get(i), paths.get(i), item));
      }
      if ("Object".equalsIgnoreCase(includeObject)) {
        row.set("object", item);
      } else if (!"None".equalsIgnoreCase(includeObject)) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", item.path("metadata").deepCopy());
      }
    }
    return table;
  }

  private JsonNode cell(ApiResource.PrinterColumn column, SimpleJsonPath path, JsonNode item) {
    if (path == null) {
      return JsonResponses.MAPPER.nullNode();
    }
    List<JsonNode> found = path.select(item);
    if (found.isEmpty()) {
      return JsonResponses.MAPPER.nullNode();
    }
    if (found.size() > 1) {
      List<String> texts = found.stream().map(SimpleJsonPath::text).toList();
      return JsonResponses.MAPPER.getNodeFactory().stringNode(String.join(",", texts));
    }
    JsonNode value = found.get(0);
    if ("date".equals(column.type())) {
      return JsonResponses.MAPPER.getNodeFactory().stringNode(age(value.asString()));
    }
    if (value.isContainer()) {
      return JsonResponses.MAPPER.getNodeFactory().stringNode(JsonResponses.MAPPER.writeValueAsString(value));
    }
    return value;
  }

  private String age(String timestamp) {
    try {
      return HumanDuration.format(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  private static SimpleJsonPath parseOrNull(String expression) {
    try {
      return SimpleJsonPath.parse(expression);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
