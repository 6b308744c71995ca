package ai.litellm.operator.sandbox.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Building JSON answers the way the API server writes them (Content-Type, Status objects for errors). */
final class JsonResponses {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonResponses() {}

  static MockResponse ok(JsonNode body) {
    return json(200, body);
  }

  static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(MAPPER.writeValueAsString(body));
  }

  /** A metav1.Status failure, which kubectl and fabric8 turn into readable errors. */
  static MockResponse status(int code, String reason, String message) {
    ObjectNode s = MAPPER.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    return json(code, s);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
