package ai.litellm.operator.sandbox.realcluster;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The two etcd v3 calls the fault tests need, through etcd's JSON gateway ({@code /v3/kv/...}, served by etcd 3.4 on
 * its client URL), so no {@code etcdctl} is needed: Debian's etcd-server package does not ship it.
 */
final class EtcdAdmin {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI clientUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EtcdAdmin(URI clientUrl) {
    this.clientUrl = clientUrl;
  }

  /** Writes {@code key = value}; returns the store's revision after the write. */
  long put(String key, String value) {
    JsonObject body = new JsonObject().put("key", base64(key)).put("value", base64(value));
    return revisionOf(post("/v3/kv/put", body));
  }

  /** Compacts the key-value history up to {@code revision} (physically: the old revisions are gone when it returns). */
  void compact(long revision) {
    post("/v3/kv/compaction", new JsonObject().put("revision", Long.toString(revision)).put("physical", true));
  }

  private JsonObject post(String path, JsonObject body) {
    HttpRequest request = HttpRequest.newBuilder(clientUrl.resolve(path)).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new RealControlPlaneException("etcd " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return new JsonObject(response.body());
    } catch (IOException e) {
      throw new RealControlPlaneException("etcd " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RealControlPlaneException("interrupted calling etcd " + path, e);
    }
  }

  private static long revisionOf(JsonObject answer) {
    // The gateway renders int64 fields as JSON strings.
    return Long.parseLong(answer.getJsonObject("header").getValue("revision").toString());
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
