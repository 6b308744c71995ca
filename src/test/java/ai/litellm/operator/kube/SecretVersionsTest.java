package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Secret watch's store: keeps only referenced Secrets' versions, and says when one changes after the list. */
class SecretVersionsTest {
  final Set<String> referenced = new HashSet<>(Set.of("ns/creds"));
  final AtomicBoolean listed = new AtomicBoolean();
  final List<String> told = new ArrayList<>();
  final SecretVersions store = new SecretVersions((ns, name) -> referenced.contains(ns + "/" + name), listed::get,
      (ns, name) -> told.add(ns + "/" + name));

  static Secret secret(String name, String resourceVersion) {
    return new SecretBuilder().withNewMetadata().withNamespace("ns").withName(name)
        .withResourceVersion(resourceVersion)
        .withAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"apiKey\":\"x\"}}"))
        .endMetadata().withData(Map.of("apiKey", "c2stc2VjcmV0")).build();
  }

  private void put(Secret s) {
    store.put(store.getKey(s), s);
  }

  @Test
  void keepsOnlyReferencedSecretsAndOnlyTheirVersion() {
    put(secret("creds", "1"));
    put(secret("unrelated", "1"));
    assertEquals(1, store.size());
    assertNull(store.get("ns/unrelated"));
    Secret kept = store.get("ns/creds");
    assertEquals("1", kept.getMetadata().getResourceVersion());
    assertTrue(kept.getData() == null || kept.getData().isEmpty(), "no data kept");
    assertTrue(kept.getMetadata().getAnnotations() == null || kept.getMetadata().getAnnotations().isEmpty(),
        "no annotations kept (a last-applied one holds the data)");
  }

  @Test
  void theInitialListTellsNothingAndLaterChangesAreTold() {
    put(secret("creds", "1"));
    assertEquals(List.of(), told, "the initial list wakes nobody");
    listed.set(true);

    put(secret("creds", "1"));
    assertEquals(List.of(), told, "the same version again (a relist) is no change");
    put(secret("creds", "2"));
    assertEquals(List.of("ns/creds"), told);
    put(secret("unrelated", "2"));
    assertEquals(List.of("ns/creds"), told, "a Secret nobody reads is no one's business");

    store.remove("ns/creds");
    assertEquals(List.of("ns/creds", "ns/creds"), told, "a deletion is told");
    assertEquals(0, store.size());
  }

  @Test
  void aSecretReferencedAfterItsLastEventIsToldAtItsNextChange() {
    listed.set(true);
    put(secret("later", "1"));
    assertEquals(List.of(), told);
    assertEquals(0, store.size());

    referenced.add("ns/later");
    put(secret("later", "2"));
    assertEquals(List.of("ns/later"), told, "first change since it became referenced (it was not kept)");
    assertEquals(1, store.size());

    referenced.remove("ns/later");
    put(secret("later", "3"));
    assertEquals(0, store.size(), "dropped at its next event once nobody reads it");
    assertEquals(List.of("ns/later"), told);
  }

  @Test
  void aDeletedReferencedSecretIsToldEvenWhenItWasNotKept() {
    listed.set(true);
    assertNull(store.remove("ns/creds"));
    assertEquals(List.of("ns/creds"), told);
    store.remove("ns/unrelated");
    assertEquals(List.of("ns/creds"), told);
  }

  @Test
  void aFailingListenerDoesNotReachTheInformer() {
    SecretVersions failing = new SecretVersions((ns, name) -> true, () -> true, (ns, name) -> {
      throw new IllegalStateException("boom");
    });
    Secret s = secret("creds", "1");
    failing.put(failing.getKey(s), s);
    assertEquals(1, failing.size(), "kept, and the exception stayed here");
  }
}
