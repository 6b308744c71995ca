package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events for significant transitions and errors. Recording is best effort: a failure is logged and never
 * fails a reconcile. De-duplication is the caller's: each key's state holds an {@link EventMemo}.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;

  public EventRecorder(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
  }

  public Future<Void> normal(HasMetadata obj, String reason, String message) {
    return record(obj, "Normal", reason, message);
  }

  public Future<Void> warning(HasMetadata obj, String reason, String message) {
    return record(obj, "Warning", reason, message);
  }

  /** @param type "Normal" or "Warning" */
  Future<Void> record(HasMetadata obj, String type, String reason, String message) {
    long now = System.currentTimeMillis();
    String ns = obj.getMetadata().getNamespace();
    String ts = Instant.ofEpochMilli(now).toString();
    var event = new EventBuilder()
        .withNewMetadata().withNamespace(ns)
        .withName(obj.getMetadata().getName() + "." + Long.toHexString(now) + UUID.randomUUID().toString().substring(0, 6))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(obj.getApiVersion()).withKind(obj.getKind())
            .withName(obj.getMetadata().getName()).withNamespace(ns).withUid(obj.getMetadata().getUid())
            .withResourceVersion(obj.getMetadata().getResourceVersion()).build())
        .withType(type).withReason(reason).withMessage(truncate(message))
        .withFirstTimestamp(ts).withLastTimestamp(ts).withCount(1)
        .withNewSource().withComponent("litellm-operator").endSource()
        .withReportingComponent("litellm-operator")
        .build();
    return limiter.write("create", () -> bridge.call(() -> client.v1().events().inNamespace(ns).resource(event).create()))
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("could not record event {} on {} {}/{}: {}", reason, obj.getKind(), ns, obj.getMetadata().getName(),
              err.getMessage());
          return Future.succeededFuture();
        });
  }

  private static String truncate(String s) {
    return s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
