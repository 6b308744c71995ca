package ai.litellm.operator.kube;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Status is written only when it changes: two statuses are the same when they agree on everything but the clocks
 * ({@code lastUpdated} and each condition's {@code lastTransitionTime}), which only move when something else does.
 */
public final class StatusComparison {
  private StatusComparison() {}

  public static boolean changed(Object current, Object next) {
    return !comparable(current).equals(comparable(next));
  }

  private static JsonObject comparable(Object status) {
    if (status == null) {
      return new JsonObject();
    }
    JsonObject json = new JsonObject(Serialization.asJson(status));
    json.remove("lastUpdated");
    JsonArray conditions = json.getJsonArray("conditions");
    if (conditions != null) {
      conditions.forEach(c -> ((JsonObject) c).remove("lastTransitionTime"));
      if (conditions.isEmpty()) {
        json.remove("conditions");
      }
    }
    return json;
  }
}
