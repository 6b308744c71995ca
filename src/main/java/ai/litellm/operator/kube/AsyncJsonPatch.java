package ai.litellm.operator.kube;

import ai.litellm.operator.eventlog.ratelimit.RetryAfter;
import java.time.Clock;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A JSON patch sent without blocking a thread and without deserializing the object the API server sends back: only its
 * {@code metadata.resourceVersion} is read (a streaming scan that stops there), which is all read-your-own-writes
 * needs ({@link OwnWrites}); the informer delivers the full object anyway. fabric8's typed {@code patch()} would hold
 * a bridge thread for the round trip (capping writes at threads / latency on a slow API server) and deserialize a full
 * object nobody reads. Requests go through fabric8's own HTTP client, so authentication, TLS and its connection pool
 * are the same as for every other call. Completes on the caller's Vert.x context with the new resourceVersion; a
 * failure is a {@link KubernetesClientException} with the server's code and Status, as fabric8's would be.
 */
public final class AsyncJsonPatch {
  private static final String JSON_PATCH = "application/json-patch+json";

  private final KubernetesClient client;
  private final Vertx vertx;

  public AsyncJsonPatch(KubernetesClient client, Vertx vertx) {
    this.client = client;
    this.vertx = vertx;
  }

  /**
   * PATCHes {@code body} to the object (or its {@code subresource}, e.g. "status"; null for the object itself).
   *
   * @return the object's resourceVersion after the patch
   */
  public <T extends HasMetadata> Future<String> patch(Class<T> type, String namespace, String name, String subresource,
      String body) {
    Context ctx = vertx.getOrCreateContext();
    Promise<String> promise = Promise.promise();
    HttpClient http = client.getHttpClient();
    HttpRequest request;
    try {
      // The client's request timeout, as fabric8's typed calls get: without it a PATCH on a stalled connection would
      // never complete, and neither would the reconcile waiting for it.
      request = http.newHttpRequestBuilder().uri(url(type, namespace, name, subresource))
          .method("PATCH", JSON_PATCH, body)
          .timeout(client.getConfiguration().getRequestTimeout(), TimeUnit.MILLISECONDS).build();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    http.sendAsync(request, String.class).whenComplete((response, err) -> ctx.runOnContext(v -> {
      Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      if (cause != null) {
        promise.fail(cause instanceof KubernetesClientException k ? k
            : new KubernetesClientException("PATCH " + kindPath(type, namespace, name) + " failed: " + cause, cause));
      } else if (response.isSuccessful()) {
        String version = ResourceVersions.of(response.body());
        if (version == null) {
          promise.fail(new KubernetesClientException("PATCH " + kindPath(type, namespace, name)
              + " answered without metadata.resourceVersion"));
        } else {
          promise.complete(version);
        }
      } else {
        promise.fail(failure(response.code(), response.body(), response.header("Retry-After")));
      }
    }));
    return promise.future();
  }

  private KubernetesClientException failure(int code, String body, String retryAfter) {
    Status status = null;
    try {
      status = client.getKubernetesSerialization().unmarshal(body, Status.class);
    } catch (RuntimeException notAStatus) {
      // a proxy or an old server answered with something else
    }
    if (status == null || status.getCode() == null) {
      status = new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(code).withMessage("HTTP " + code).build();
    }
    return code == 429 ? new KubeThrottled(status, RetryAfter.parse(retryAfter, Clock.systemUTC()).orElse(null))
        : new KubernetesClientException(status);
  }

  private String url(Class<? extends HasMetadata> type, String namespace, String name, String subresource) {
    String base = client.getMasterUrl().toString();
    StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    String group = HasMetadata.getGroup(type);
    url.append(group == null || group.isEmpty() ? "/api/" : "/apis/" + group + "/").append(HasMetadata.getVersion(type));
    url.append(kindPath(type, namespace, name));
    if (subresource != null) {
      url.append('/').append(subresource);
    }
    return url.toString();
  }

  private static String kindPath(Class<? extends HasMetadata> type, String namespace, String name) {
    return (namespace == null ? "" : "/namespaces/" + namespace) + "/" + HasMetadata.getPlural(type) + "/" + name;
  }
}
