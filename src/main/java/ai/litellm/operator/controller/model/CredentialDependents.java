package ai.litellm.operator.controller.model;

import ai.litellm.operator.api.Credential;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wakes the Models of a credential when what the Credential means for them changes: it became Ready, stopped being
 * Ready, moved to another name or proxy, changed whom it allows to use it, or went away. Only on such a transition: a Credential's status write for a new
 * model count must not enqueue the 10,000 Models that use it. One verdict per Credential the reconciler has seen
 * (bounded by the Credentials watched; dropped when one goes). Any thread; non-blocking.
 */
final class CredentialDependents {
  /** @param grant the Credential's grant annotation: a new grant lets waiting Models of other namespaces use it */
  private record Verdict(String provided, boolean ready, String grant) {}

  private final Function<String, List<String>> modelsUsing;
  private final Consumer<List<String>> wake;
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

  /**
   * @param modelsUsing the Model keys using a {@link CredentialReferences#key}, from the Model informer's index
   * @param wake gives each Model key a fresh event
   */
  CredentialDependents(Function<String, List<String>> modelsUsing, Consumer<List<String>> wake) {
    this.modelsUsing = modelsUsing;
    this.wake = wake;
  }

  /** The Credential's state after a reconcile. @return how many Models were woken */
  int seen(String key, Credential c) {
    Map<String, String> annotations = c.getMetadata().getAnnotations();
    Verdict next = new Verdict(CredentialReferences.provided(c), CredentialGate.readyNow(c)
        && c.getMetadata().getDeletionTimestamp() == null,
        annotations == null ? null : annotations.get(ReferenceNamespaces.GRANT));
    Verdict before = verdicts.put(key, next);
    if (before == null && !next.ready()) {
      return 0; // a new Credential not ready yet: its Models wait already, they learn when it becomes Ready
    }
    return Objects.equals(before, next) ? 0 : wakeFor(before, next);
  }

  /** The Credential is gone. */
  int gone(String key) {
    Verdict before = verdicts.remove(key);
    return before == null ? 0 : wakeFor(before, null);
  }

  void forgetNamespace(String namespace) {
    verdicts.keySet().removeIf(k -> k.startsWith(namespace + "/"));
  }

  int remembered() {
    return verdicts.size();
  }

  /** Wakes the Models of the credential provided before and of the one provided now (once when they are the same). */
  private int wakeFor(Verdict before, Verdict next) {
    Set<String> provided = new LinkedHashSet<>();
    for (Verdict v : Arrays.asList(before, next)) {
      if (v != null && v.provided() != null) {
        provided.add(v.provided());
      }
    }
    int woken = 0;
    for (String p : provided) {
      List<String> keys = modelsUsing.apply(p);
      wake.accept(keys);
      woken += keys.size();
    }
    return woken;
  }
}
