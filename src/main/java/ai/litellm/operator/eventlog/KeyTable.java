package ai.litellm.operator.eventlog;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The key → {@link KeyEntry} map of one partition: the one place where an entry (queue record plus the controller's
 * state) is created and forgotten. Writes happen only on the partition's context; lookups ({@link #state},
 * {@link #forEachState}) are lock-free and safe from any thread.
 */
final class KeyTable<S> {

    /** The controller's state factory threw for a new key. */
    static final class StateFactoryFailed extends RuntimeException {
        StateFactoryFailed(String key, RuntimeException cause) {
            super("state factory failed for " + key + ": " + cause, cause);
        }
    }

    private final ConcurrentHashMap<String, KeyEntry<S>> entries = new ConcurrentHashMap<>();
    private final StateFactory<S> newState;

    /** @param newState builds the controller's state of a new key; null when the log keeps no state (state is null) */
    KeyTable(StateFactory<S> newState) {
        this.newState = newState;
    }

    /** On the partition's context. */
    KeyEntry<S> get(String key) {
        return entries.get(key);
    }

    /**
     * Creates the entry of a key seen for the first time. On the partition's context.
     *
     * @throws StateFactoryFailed naming the key when the state factory fails (nothing is created)
     */
    KeyEntry<S> create(String key, String namespace, String name) {
        S state = null;
        if (newState != null) {
            try {
                state = newState.create(key, namespace, name);
            } catch (RuntimeException e) {
                throw new StateFactoryFailed(key, e);
            }
        }
        KeyEntry<S> entry = new KeyEntry<>(key, namespace, name, state);
        entries.put(key, entry);
        return entry;
    }

    /** Drops the entry and with it the controller's state. On the partition's context. */
    void forget(KeyEntry<S> entry) {
        entries.remove(entry.key, entry);
    }

    /** The live entries, for a rare full scan on the partition's context (weakly consistent, removal allowed). */
    Iterable<KeyEntry<S>> entries() {
        return entries.values();
    }

    int size() {
        return entries.size();
    }

    /** The controller's state of a known key, or null. Any thread. */
    S state(String key) {
        KeyEntry<S> e = entries.get(key);
        return e == null ? null : e.state;
    }

    /** Calls {@code action} for every known key that has a state. Any thread; weakly consistent. */
    void forEachState(BiConsumer<String, ? super S> action) {
        Objects.requireNonNull(action, "action");
        entries.forEach((key, e) -> {
            if (e.state != null) {
                action.accept(key, e.state);
            }
        });
    }
}
