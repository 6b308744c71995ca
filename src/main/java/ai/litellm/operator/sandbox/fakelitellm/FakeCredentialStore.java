package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The fake's {@code LiteLLM_CredentialsTable} plus one in-memory {@code litellm.credential_list} per simulated
 * worker/replica, the way BerriAI/litellm keeps them ({@code proxy/credential_endpoints/endpoints.py}, {@code
 * litellm_core_utils/credential_accessor.py}, {@code ProxyConfig.get_credentials}):
 * <ul>
 *   <li>the table holds {@code credential_values} encrypted, {@code credential_info} as JSON; the name is unique;</li>
 *   <li>a create writes the table and upserts the serving worker's list; a delete removes from both; a PATCH writes
 *       only the table (the older handler never touched the list; that is the less forgiving of the versions):
 *       values overlay (a key can never be removed), info merged;</li>
 *   <li>every list catches up with the table at its worker's poll ({@code pollDelayMs}, as models do): credentials of
 *       the table are upserted, the others dropped;</li>
 *   <li>reads ({@code GET /credentials}, {@code /credentials/by_name}) and the resolution of a model's
 *       {@code litellm_credential_name} at request time ({@code utils.load_credentials_from_list}) see only the list
 *       of the worker that serves them, so they lag a write on another worker by up to one poll.</li>
 * </ul>
 * Synchronized like {@link FakeModelStore}; sections are short.
 */
final class FakeCredentialStore {
    /** A row of the table: values are ciphertext. */
    private record Row(String name, JsonObject encryptedValues, JsonObject info) {}

    private final FakeLiteLLMOptions options;
    private final ParamCipher cipher;
    private final LongSupplier nanoClock;
    private final Map<String, Row> table = new LinkedHashMap<>();
    private final List<Map<String, CredentialItem>> lists = new ArrayList<>();
    private final long[] lastPollNanos;

    /** One entry of a worker's {@code litellm.credential_list}: values in clear, as LiteLLM holds them. */
    record CredentialItem(String name, JsonObject values, JsonObject info) {
        JsonObject toJson(JsonObject shownValues) {
            return new JsonObject().put("credential_name", name).put("credential_values", shownValues)
                .put("credential_info", info.copy());
        }
    }

    /** Why a table write failed, as Prisma would say. */
    enum Failure { NONE, UNIQUE_VIOLATION, NOT_FOUND }

    FakeCredentialStore(FakeLiteLLMOptions options, ParamCipher cipher, LongSupplier nanoClock) {
        this.options = options;
        this.cipher = cipher;
        this.nanoClock = nanoClock;
        this.lastPollNanos = new long[options.replicas()];
        for (int i = 0; i < options.replicas(); i++) {
            lists.add(new LinkedHashMap<>());
            lastPollNanos[i] = nanoClock.getAsLong();
        }
    }

    /** @param replica the serving worker, whose list is updated at once; negative: a write straight to the table */
    synchronized Failure create(int replica, String name, JsonObject values, JsonObject info) {
        if (table.containsKey(name)) {
            return Failure.UNIQUE_VIOLATION;
        }
        table.put(name, new Row(name, cipher.encryptStrings(values), info.copy()));
        if (replica >= 0) {
            lists.get(replica).put(name, new CredentialItem(name, values.copy(), info.copy()));
        }
        return Failure.NONE;
    }

    /** {@code update_db_credential}: rename when the patch names another credential, overlay values, merge info. */
    synchronized Failure patch(String name, String newName, JsonObject values, JsonObject info) {
        Row row = table.get(name);
        if (row == null) {
            return Failure.NOT_FOUND;
        }
        String target = newName == null || newName.isEmpty() ? name : newName;
        if (!target.equals(name) && table.containsKey(target)) {
            return Failure.UNIQUE_VIOLATION;
        }
        JsonObject merged = row.encryptedValues().copy();
        if (values != null) {
            values.forEach(e -> {
                if (e.getValue() != null) {
                    merged.put(e.getKey(), e.getValue() instanceof String s ? cipher.encrypt(s) : e.getValue());
                }
            });
        }
        JsonObject mergedInfo = row.info().copy();
        if (info != null && !info.isEmpty()) {
            info.forEach(e -> mergedInfo.put(e.getKey(), e.getValue()));
        }
        table.remove(name);
        table.put(target, new Row(target, merged, mergedInfo));
        return Failure.NONE;
    }

    /** @param replica the serving worker, whose list drops it at once; negative: a delete straight from the table */
    synchronized Failure delete(int replica, String name) {
        if (table.remove(name) == null) {
            return Failure.NOT_FOUND;
        }
        if (replica >= 0) {
            lists.get(replica).remove(name);
        }
        return Failure.NONE;
    }

    /** The serving worker's list, after its poll if one is due. */
    synchronized List<CredentialItem> list(int replica) {
        return List.copyOf(pollIfDue(replica).values());
    }

    synchronized Optional<CredentialItem> byName(int replica, String name) {
        return Optional.ofNullable(pollIfDue(replica).get(name));
    }

    /** What a request through a model with {@code litellm_credential_name} gets filled in on this worker. */
    synchronized JsonObject valuesFor(int replica, String name) {
        CredentialItem item = pollIfDue(replica).get(name);
        return item == null ? new JsonObject() : item.values().copy();
    }

    /** The table with values decrypted: for test assertions only. */
    synchronized List<JsonObject> rowsDecrypted() {
        List<JsonObject> out = new ArrayList<>();
        table.values().forEach(r -> out.add(new JsonObject().put("credential_name", r.name())
            .put("credential_values", cipher.decryptStrings(r.encryptedValues())).put("credential_info", r.info().copy())));
        return out;
    }

    /** Forgets the table and every worker's list (a proxy restarted on a fresh database). */
    synchronized void clear() {
        table.clear();
        lists.forEach(Map::clear);
    }

    synchronized int rowCount() {
        return table.size();
    }

    private Map<String, CredentialItem> pollIfDue(int replica) {
        Map<String, CredentialItem> list = lists.get(replica);
        long now = nanoClock.getAsLong();
        if (now - lastPollNanos[replica] >= options.pollDelayMs() * 1_000_000L) {
            lastPollNanos[replica] = now;
            list.keySet().removeIf(n -> !table.containsKey(n));
            table.values().forEach(r -> list.put(r.name(),
                new CredentialItem(r.name(), cipher.decryptStrings(r.encryptedValues()), r.info().copy())));
        }
        return list;
    }
}
