package ai.litellm.operator.kube;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads {@code metadata.resourceVersion} out of an object's JSON without building the object: a streaming scan that
 * skips every other field's value and stops as soon as it has the version (the API server writes {@code metadata}
 * before {@code spec} and {@code status}, so a write's answer is read only a few hundred bytes deep).
 */
final class ResourceVersions {
  private static final JsonFactory JSON = new JsonFactory();

  private ResourceVersions() {}

  /** The resourceVersion, or null when the body is not an object with one. */
  static String of(String json) {
    if (json == null || json.isEmpty()) {
      return null;
    }
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
          return versionIn(p);
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String versionIn(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("resourceVersion".equals(field) && value == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      p.skipChildren();
    }
    return null;
  }
}
