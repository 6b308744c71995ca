package ai.litellm.operator.bench;

import ai.litellm.operator.sandbox.fakelitellm.RecordedCall;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each model got a rotated value, from the fake proxy's call log: the end of the last successful write of the
 * model (a PATCH by id, or a create or a params update naming the id in its body) that arrived after the Secret
 * update. The last one, because only
 * it surely carried the new value (the proxy holds the new value at the end, checked by the caller); a write that
 * began before the update is not counted.
 */
final class RotationLatencies {
  private static final Pattern UPDATE_BY_ID = Pattern.compile("^/model/([^/]+)/update$");

  private RotationLatencies() {}

  /**
   * @param updatedAt when the Secret update was sent
   * @return model id → milliseconds from {@code updatedAt} to the end of its last write
   */
  static Map<String, Long> byModelId(List<RecordedCall> calls, Instant updatedAt) {
    Map<String, Long> out = new HashMap<>();
    for (RecordedCall c : calls) {
      if (c.status() < 200 || c.status() >= 300 || c.received().isBefore(updatedAt)) {
        continue;
      }
      String id = modelId(c);
      if (id != null) {
        out.merge(id, c.time().toEpochMilli() - updatedAt.toEpochMilli(), Math::max);
      }
    }
    return out;
  }

  private static String modelId(RecordedCall c) {
    Matcher m = UPDATE_BY_ID.matcher(c.path());
    if (m.matches()) {
      return m.group(1);
    }
    boolean namesIdInBody = "/model/new".equals(c.path()) || "/model/update".equals(c.path());
    if ("POST".equals(c.method()) && namesIdInBody && !c.bodySummary().isEmpty()) {
      JsonObject info = new JsonObject(c.bodySummary()).getJsonObject("model_info");
      return info == null ? null : info.getString("id");
    }
    return null;
  }
}
