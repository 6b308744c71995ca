package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The fake's DB plus one router view per simulated worker/replica (reference §3.1, §6.1). A view catches up with the
 * DB lazily: when it is read and at least {@code pollDelayMs} passed since its last poll, it runs the same sync the
 * proxy's scheduler runs, including its quirks (no deletes when the DB is empty; an existing id is replaced only when
 * its {@code litellm_params} changed). Writes refresh only the view of the replica that served them.
 * Methods are synchronized: handlers run on the event loop, tests call in from their own thread; sections are short.
 */
final class FakeModelStore {
    private final FakeLiteLLMOptions options;
    private final ParamCipher cipher;
    private final LongSupplier nanoClock;
    private final Map<String, DbRow> db = new LinkedHashMap<>();
    private final List<ReplicaView> replicas = new ArrayList<>();
    private int nextReplica;
    /** Bumped on every DB change, so a poll of an unchanged DB costs nothing (benchmarks read a lot). */
    private long dbGeneration;

    private static final class ReplicaView {
        final Map<String, JsonObject> router = new LinkedHashMap<>();
        final Map<String, Long> rowVersions = new java.util.HashMap<>();
        long lastPollNanos;
        long syncedGeneration = -1;
    }

    FakeModelStore(FakeLiteLLMOptions options, ParamCipher cipher, LongSupplier nanoClock) {
        this.options = options;
        this.cipher = cipher;
        this.nanoClock = nanoClock;
        for (int i = 0; i < options.replicas(); i++) {
            ReplicaView view = new ReplicaView();
            view.lastPollNanos = nanoClock.getAsLong();
            replicas.add(view);
        }
    }

    ParamCipher cipher() {
        return cipher;
    }

    /** Round-robin choice of the worker that serves the next request, like a Service spreading connections. */
    synchronized int nextReplica() {
        int r = nextReplica;
        nextReplica = (nextReplica + 1) % replicas.size();
        return r;
    }

    synchronized Optional<DbRow> row(String id) {
        return Optional.ofNullable(db.get(id));
    }

    /** @return false when the id exists (the Prisma unique violation). */
    synchronized boolean insert(DbRow row) {
        if (db.containsKey(row.modelId)) {
            return false;
        }
        db.put(row.modelId, row);
        dbGeneration++;
        return true;
    }

    synchronized boolean deleteRow(String id) {
        boolean removed = db.remove(id) != null;
        if (removed) {
            dbGeneration++;
        }
        return removed;
    }

    /** A fresh database: no rows, and routers that hold none either (the proxy restarted). */
    synchronized void clear() {
        db.clear();
        dbGeneration++;
        for (ReplicaView view : replicas) {
            view.router.clear();
            view.rowVersions.clear();
            view.syncedGeneration = dbGeneration;
            view.lastPollNanos = nanoClock.getAsLong();
        }
    }

    synchronized int rowCount() {
        return db.size();
    }

    synchronized List<JsonObject> rowsDecrypted() {
        return db.values().stream().map(r -> r.toJson(cipher.decryptStrings(r.litellmParams))).collect(Collectors.toList());
    }

    /** Serialises a write to a row with the other store operations. */
    synchronized <T> T mutate(DbRow row, java.util.function.Function<DbRow, T> change) {
        dbGeneration++;
        return change.apply(row);
    }

    /** Deployments of the router of {@code replica} (config models first), decrypted and with secrets. */
    synchronized List<JsonObject> routerView(int replica) {
        ReplicaView view = pollIfDue(replica);
        List<JsonObject> out = new ArrayList<>(configDeployments());
        view.router.values().forEach(d -> out.add(d.copy()));
        return out;
    }

    /** One deployment of the router of {@code replica}, without copying the whole view. */
    synchronized Optional<JsonObject> routerEntry(int replica, String id) {
        ReplicaView view = pollIfDue(replica);
        JsonObject d = view.router.get(id);
        if (d != null) {
            return Optional.of(d.copy());
        }
        return configDeployments().stream().filter(c -> id.equals(c.getJsonObject("model_info").getString("id")))
            .findFirst();
    }

    private ReplicaView pollIfDue(int replica) {
        ReplicaView view = replicas.get(replica);
        if (nanoClock.getAsLong() - view.lastPollNanos >= options.pollDelayMs() * 1_000_000L) {
            poll(view);
        }
        return view;
    }

    synchronized boolean isConfigModel(String id) {
        return configDeployments().stream().anyMatch(d -> id.equals(d.getJsonObject("model_info").getString("id")));
    }

    /** {@code add_deployment} after a create: the serving worker re-syncs with the DB. */
    synchronized void syncReplica(int replica) {
        poll(replicas.get(replica));
    }

    /** {@code clear_cache} after a PATCH: the serving worker drops its DB models and reloads them all. */
    synchronized void reloadReplica(int replica) {
        ReplicaView view = replicas.get(replica);
        view.router.clear();
        view.rowVersions.clear();
        db.values().forEach(r -> {
            view.router.put(r.modelId, deployment(r));
            view.rowVersions.put(r.modelId, r.version);
        });
        view.lastPollNanos = nanoClock.getAsLong();
        view.syncedGeneration = dbGeneration;
    }

    /** {@code llm_router.delete_deployment} after a delete: only the serving worker forgets the model. */
    synchronized void removeFromReplica(int replica, String id) {
        ReplicaView view = replicas.get(replica);
        view.router.remove(id);
        view.rowVersions.remove(id);
    }

    private void poll(ReplicaView view) {
        view.lastPollNanos = nanoClock.getAsLong();
        if (view.syncedGeneration == dbGeneration) {
            return;
        }
        // _delete_deployment returns early when the DB has no models (issue #28443): nothing is evicted then.
        if (!db.isEmpty()) {
            Set<String> keep = db.keySet();
            view.router.keySet().removeIf(id -> !keep.contains(id));
            view.rowVersions.keySet().removeIf(id -> !keep.contains(id));
        }
        // _add_deployment: upsert replaces an existing id only when litellm_params changed (issue #14165).
        for (DbRow r : db.values()) {
            Long seen = view.rowVersions.get(r.modelId);
            if (seen != null && seen == r.version) {
                continue;
            }
            JsonObject fresh = deployment(r);
            JsonObject current = view.router.get(r.modelId);
            if (current == null || !current.getJsonObject("litellm_params").equals(fresh.getJsonObject("litellm_params"))) {
                view.router.put(r.modelId, fresh);
            }
            view.rowVersions.put(r.modelId, r.version);
        }
        view.syncedGeneration = dbGeneration;
    }

    private JsonObject deployment(DbRow r) {
        JsonObject info = r.modelInfo.copy().put("id", r.modelId).put("db_model", true);
        return new JsonObject()
            .put("model_name", r.modelName)
            .put("litellm_params", cipher.decryptStrings(r.litellmParams))
            .put("model_info", info);
    }

    /** Config-file models: read-only, {@code db_model:false}, id = sha256(model_name + params) when none is given. */
    List<JsonObject> configDeployments() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject m : options.configModels()) {
            String name = m.getString("model_name", "");
            JsonObject params = m.getJsonObject("litellm_params", new JsonObject());
            JsonObject info = m.getJsonObject("model_info", new JsonObject()).copy();
            if (info.getValue("id") == null) {
                info.put("id", sha256Hex(name + params.encode()));
            }
            info.put("db_model", false);
            out.add(new JsonObject().put("model_name", name).put("litellm_params", params.copy()).put("model_info", info));
        }
        return out;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
