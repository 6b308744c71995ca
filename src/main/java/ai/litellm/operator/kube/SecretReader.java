package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads referenced Secrets on demand instead of caching every Secret of the cluster in an informer. A read is kept for a
 * short TTL and concurrent reads of one Secret share one request, so a fleet of Models that share a credentials Secret
 * costs one GET per TTL, and a rotated Secret is seen within TTL (chosen below the drift/resync period).
 */
public final class SecretReader {
  /**
   * The decoded data of a Secret, its resourceVersion (part of the payload hash: rotation changes it) and its
   * annotations (a grant for references from other namespaces).
   */
  public record SecretData(String resourceVersion, Map<String, String> data, Map<String, String> annotations) {
    public SecretData(String resourceVersion, Map<String, String> data) {
      this(resourceVersion, data, Map.of());
    }

    @Override
    public String toString() {
      return "SecretData[resourceVersion=" + resourceVersion + ", keys=" + data.keySet() + "]";
    }
  }

  private record Entry(Future<Optional<SecretData>> value, long expiresAtNanos) {}

  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;
  private final long ttlNanos;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  /** The periodic sweep of expired reads, when started: bounds the memory of reads done once. */
  private Vertx sweepVertx;
  private long sweepTimer = -1;

  public SecretReader(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter, Duration ttl) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
    this.ttlNanos = ttl.toNanos();
  }

  /**
   * Drops expired reads once per TTL, whether or not anything is read afterwards: a Secret's data (credentials) is
   * not kept in memory for long after the last Model that needed it is gone.
   */
  public synchronized void sweepPeriodically(Vertx vertx) {
    stopSweeping();
    sweepVertx = vertx;
    sweepTimer = vertx.setPeriodic(Math.max(1, ttlNanos / 1_000_000), id -> evictExpired());
  }

  public synchronized void stopSweeping() {
    if (sweepVertx != null) {
      sweepVertx.cancelTimer(sweepTimer);
      sweepVertx = null;
    }
  }

  /** The Secret's decoded data, or empty when it does not exist. */
  public Future<Optional<SecretData>> read(String namespace, String name) {
    String key = namespace + "/" + name;
    long now = System.nanoTime();
    Entry e = cache.get(key);
    if (e != null && e.expiresAtNanos - now > 0) {
      return e.value;
    }
    Future<Optional<SecretData>> f = limiter.read("get", () -> bridge.call(() ->
        Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get()).map(SecretReader::decode)));
    Entry fresh = new Entry(f, now + ttlNanos);
    cache.put(key, fresh);
    // Neither a failed read nor "not found" is kept: the next reconcile asks again, so a Secret created after the
    // Model that needs it is seen at the next retry instead of after the TTL.
    f.onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        cache.remove(key, fresh);
      }
    });
    return f;
  }

  /**
   * Reads the Secret from the API server now, bypassing the cache (for decisions a stale "absent" would make wrong,
   * such as generating an instance's keys).
   */
  public Future<Optional<SecretData>> readFresh(String namespace, String name) {
    invalidate(namespace, name);
    return read(namespace, name);
  }

  /** Reads kept now (expired ones are swept once per TTL, see #sweepPeriodically). */
  public int entries() {
    return cache.size();
  }

  /** Drops a cached read, e.g. when a watch says the Secret changed. */
  public void invalidate(String namespace, String name) {
    cache.remove(namespace + "/" + name);
  }

  /** Removes expired entries; bounds memory when many Secrets are read once. */
  void evictExpired() {
    long now = System.nanoTime();
    cache.values().removeIf(e -> e.expiresAtNanos - now <= 0);
  }

  static SecretData decode(Secret s) {
    return new SecretData(s.getMetadata().getResourceVersion(),
        Map.copyOf(ai.litellm.operator.render.SecretData.decode(s)),
        s.getMetadata().getAnnotations() == null ? Map.of() : Map.copyOf(s.getMetadata().getAnnotations()));
  }

}
