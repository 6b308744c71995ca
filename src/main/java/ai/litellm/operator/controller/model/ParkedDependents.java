package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.KeyStates;
import ai.litellm.operator.eventlog.ResourceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Who waits on what: a Model parked by a problem that heals without a spec change (issue #13.3) records in its own
 * {@link ModelState} the object whose change may heal it ({@link ModelState#waitingOn()}); when that object changes,
 * {@link #changed} publishes a fresh event for each such key, which unparks it. The record lives only in the per-key
 * state, so it is bounded by the Models watched and forgotten with the key; a key that stops waiting clears it. A
 * change this replica does not see is caught by the slow re-check every {@code --resync-period}
 * ({@code ReconcileResult.permanent(cause, recheckAfter)}).
 *
 * <p>Keys name the object: {@link #model(String)} for the Model (by uid) that holds a LiteLLM model id (told by the
 * reconciler when that Model's LiteLLM model is deleted), {@link #instance} for a reference target instance (told by
 * the instance informer, {@code ModelController#instanceChanged}), {@link #secret} for a reference target Secret (a
 * change of a Secret wakes every Model that reads it, parked or not, through {@link SecretReferences}, so this key is
 * only the record of what the parked key waits on).
 */
final class ParkedDependents {
  private final Consumer<ResourceEvent> publish;
  private volatile KeyStates<ModelState> states;
  /**
   * Keys waiting on something now. A change scans the keys' states only while it is above 0, so a fleet with nothing
   * parked (the usual case: a mass deletion tells this once per Model) pays nothing. A key forgotten while it waited
   * (its namespace handed off) leaves it too high, which only costs scans.
   */
  private final AtomicInteger waiting = new AtomicInteger();

  ParkedDependents(Consumer<ResourceEvent> publish) {
    this.publish = publish;
  }

  /** Binds the model topic's states once the log is deployed (before, nothing is parked). */
  void attach(KeyStates<ModelState> states) {
    this.states = states;
  }

  static String model(String uid) {
    return "Model uid " + uid;
  }

  private static final String INSTANCE_PREFIX = "LiteLLMInstance ";

  static String instance(String namespace, String name) {
    return INSTANCE_PREFIX + namespace + "/" + name;
  }

  /**
   * The key of the instance a connection goes through, or null for a connection Secret: {@link ConnectionResolver}
   * describes an instance connection by this same key.
   */
  static String instanceBehind(Connection connection) {
    String d = connection.description();
    return d != null && d.startsWith(INSTANCE_PREFIX) ? d : null;
  }

  static String secret(String namespace, String name) {
    return "Secret " + namespace + "/" + name;
  }

  /** Records what the parked key of {@code state} waits on; null: nothing (any outcome but such a park). */
  void waitOn(ModelState state, String dependency) {
    String before = state.waitOn(dependency);
    if (before == null && dependency != null) {
      waiting.incrementAndGet();
    } else if (before != null && dependency == null) {
      waiting.decrementAndGet();
    }
  }

  /** Keys waiting on something (gauge for tests and the scan's short cut). */
  int waiting() {
    return waiting.get();
  }

  /**
   * The object {@code dependency} changed (or went away): every key parked on it is looked at again now. Any thread;
   * non-blocking (a scan of the known keys' states, run only on such changes).
   *
   * @return how many keys were woken
   */
  int changed(String dependency) {
    KeyStates<ModelState> s = states;
    if (s == null || dependency == null || waiting.get() <= 0) {
      return 0;
    }
    List<String> waiting = new ArrayList<>();
    s.forEachState((key, st) -> {
      if (dependency.equals(st.waitingOn())) {
        waiting.add(key);
      }
    });
    wake(waiting);
    return waiting.size();
  }

  /**
   * Publishes a fresh event for each Model key ("namespace/name"): it runs now, parked or backing off. Any thread;
   * non-blocking.
   */
  void wake(List<String> keys) {
    long now = System.currentTimeMillis();
    for (String key : keys) {
      int slash = key.indexOf('/');
      // generation 0: an UPDATED without generation is a fresh change, which unparks the key at once
      publish.accept(new ResourceEvent("Model", key.substring(0, slash), key.substring(slash + 1), null, null, 0,
          EventType.UPDATED, now));
    }
  }
}
