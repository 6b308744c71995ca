package ai.litellm.operator.controller.model;

import ai.litellm.operator.eventlog.EventType;
import ai.litellm.operator.eventlog.ResourceEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tells the Credentials of a credential name when the Models using it may have changed (a Model synced, moved or was
 * deleted), so that a Credential's model count follows and a deleting Credential proceeds once its last user is gone.
 * Debounced per credential: 10,000 Models created at once make one Credential reconcile per {@code delay}, not 10,000
 * status writes. Pending entries are dropped when they fire (bounded by the credentials in use). Any thread.
 */
final class CredentialUsage {
  private final Vertx vertx;
  private final long delayMs;
  private final Function<String, List<String>> providers;
  private final Consumer<ResourceEvent> publish;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  /**
   * @param providers the Credential keys providing a {@link CredentialReferences#key}, from the Credential index
   * @param publish the credential topic
   */
  CredentialUsage(Vertx vertx, Duration delay, Function<String, List<String>> providers,
      Consumer<ResourceEvent> publish) {
    this.vertx = vertx;
    this.delayMs = Math.max(1, delay.toMillis());
    this.providers = providers;
    this.publish = publish;
  }

  /** The users of each of these {@link CredentialReferences#key}s may have changed. */
  void changed(List<String> credentialKeys) {
    for (String k : credentialKeys) {
      if (pending.add(k)) {
        vertx.setTimer(delayMs, id -> {
          pending.remove(k);
          long now = System.currentTimeMillis();
          for (String key : providers.apply(k)) {
            int slash = key.indexOf('/');
            publish.accept(new ResourceEvent(CredentialController.KIND, key.substring(0, slash),
                key.substring(slash + 1), null, null, 0, EventType.UPDATED, now));
          }
        });
      }
    }
  }

  int pending() {
    return pending.size();
  }
}
