package ai.litellm.operator.realcluster;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.render.ModelOwnership;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet seen from both sides at once: its Models (Kubernetes) and the rows of the proxies they point at (LiteLLM).
 *
 * @param models Models listed
 * @param ready Models with Ready True
 * @param stuck Models not Ready, or whose status.modelId names no row of their own proxy carrying their own uid
 * @param duplicateIds rows beyond the first for one Model (by the marker's uid), plus Models beyond the first whose
 *     status.modelId names one row
 * @param orphans rows carrying an owner marker that no Model's status.modelId names (with the Model's own uid)
 * @param rows rows in the proxies
 */
record FleetCensus(int models, int ready, int stuck, int duplicateIds, int orphans, int rows) {

  /**
   * Counts a fleet.
   *
   * @param rowsByProxy the rows of each proxy, keyed by the name of the connection Secret its Models reference
   */
  static FleetCensus of(List<Model> models, Map<String, List<JsonObject>> rowsByProxy) {
    Map<String, Map<String, String>> uidByIdByProxy = new HashMap<>();
    Map<String, Integer> rowsPerUid = new HashMap<>();
    int rows = 0;
    for (Map.Entry<String, List<JsonObject>> proxy : rowsByProxy.entrySet()) {
      Map<String, String> uidById = uidByIdByProxy.computeIfAbsent(proxy.getKey(), k -> new HashMap<>());
      for (JsonObject row : proxy.getValue()) {
        rows++;
        JsonObject info = row.getJsonObject("model_info");
        String uid = ModelOwnership.ownerUidOf(info);
        if (uid != null) {
          uidById.put(info.getString("id"), uid);
          rowsPerUid.merge(uid, 1, Integer::sum);
        }
      }
    }
    int duplicates = rowsPerUid.values().stream().mapToInt(n -> n - 1).sum();
    Map<String, Integer> claims = new HashMap<>();
    Set<String> liveRows = new HashSet<>();
    int ready = 0;
    int stuck = 0;
    for (Model m : models) {
      String proxy = m.getSpec().connectionRef.secretRef.secretName;
      String id = m.getStatus() == null ? null : m.getStatus().modelId;
      boolean isReady = Fixtures.isReady(m);
      ready += isReady ? 1 : 0;
      boolean ownRow = id != null
          && m.getMetadata().getUid().equals(uidByIdByProxy.getOrDefault(proxy, Map.of()).get(id));
      if (id != null) {
        claims.merge(proxy + "/" + id, 1, Integer::sum);
      }
      if (ownRow) {
        liveRows.add(proxy + "/" + id);
      }
      stuck += isReady && ownRow ? 0 : 1;
    }
    duplicates += claims.values().stream().mapToInt(n -> n - 1).sum();
    int orphans = 0;
    for (Map.Entry<String, Map<String, String>> proxy : uidByIdByProxy.entrySet()) {
      for (String id : proxy.getValue().keySet()) {
        orphans += liveRows.contains(proxy.getKey() + "/" + id) ? 0 : 1;
      }
    }
    return new FleetCensus(models.size(), ready, stuck, duplicates, orphans, rows);
  }

  /** Every one of {@code expected} Models Ready on its own row, and no id twice (orphans are the drift's job). */
  boolean converged(int expected) {
    return models == expected && stuck == 0 && duplicateIds == 0;
  }

  @Override
  public String toString() {
    return models + " Models, " + ready + " Ready, " + stuck + " stuck, " + rows + " rows, " + duplicateIds
        + " duplicate ids, " + orphans + " orphans";
  }
}
