package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events for significant transitions and errors, written as client-go's recorder writes them: the first
 * occurrence creates an Event, a repeat on the same object merge-patches that Event's {@code count} and
 * {@code lastTimestamp}, and a repeat whose Event is gone (404: the API server's {@code --event-ttl}, 1 h by default,
 * removed it) creates it again under the same name with the count so far. Which Events were written, and when, is the
 * object's {@link EventMemo}, which also drops repeats within {@link EventMemo#REPEAT_INTERVAL}.
 *
 * <p>Recording is best effort: a failed write is logged and never fails a reconcile. Every write takes a token of the
 * Kubernetes write limiter and runs on the {@link BlockingBridge}. Messages come from conditions and problems, which
 * are redacted before they get here (secrets never appear in Events).
 */
public final class EventRecorder {
  /** {@code reportingComponent} and {@code source.component} of every Event the operator writes. */
  public static final String COMPONENT = "litellm.litellm.ai/operator";
  /** Required by the API server beside {@code eventTime}: all the operator records is about reconciling the object. */
  static final String ACTION = "Reconcile";
  private static final int MAX_INSTANCE = 128; // the API server's limit on reportingInstance
  private static final int MAX_NAME = 253;
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final BlockingBridge bridge;
  private final KubeRequestLimiter limiter;
  private final String reportingInstance;
  private final Clock clock;

  /**
   * @param reportingInstance this replica ({@code --identity}: the pod name, as in its Leases)
   * @param clock the time of each occurrence
   */
  public EventRecorder(KubernetesClient client, BlockingBridge bridge, KubeRequestLimiter limiter,
      String reportingInstance, Clock clock) {
    this.client = client;
    this.bridge = bridge;
    this.limiter = limiter;
    this.reportingInstance = reportingInstance.length() <= MAX_INSTANCE ? reportingInstance
        : reportingInstance.substring(0, MAX_INSTANCE);
    this.clock = clock;
  }

  /**
   * Records one occurrence of an Event on {@code obj}: creates it, counts it on the Event {@code memo} remembers, or
   * writes nothing when the memo saw it within its repeat interval.
   *
   * @param memo the Events recently written on {@code obj} (its key's)
   * @param type "Normal" or "Warning"
   */
  public Future<Void> record(HasMetadata obj, EventMemo memo, String type, String reason, String message) {
    String text = truncate(message);
    long now = clock.millis();
    EventMemo.Occurrence o = memo.observe(obj.getMetadata().getUid(), type, reason, text, now,
        () -> newName(obj.getMetadata().getName(), now));
    if (o == null) {
      return Future.succeededFuture();
    }
    Future<Void> written = !o.repeat() ? create(obj, type, reason, text, o)
        : countRepeat(obj, o).recover(err -> notFound(err) ? create(obj, type, reason, text, o)
            : Future.failedFuture(err));
    return written.recover(err -> {
      LOG.warn("could not record event {} on {} {}/{}: {}", reason, obj.getKind(), obj.getMetadata().getNamespace(),
          obj.getMetadata().getName(), err.getMessage());
      return Future.succeededFuture();
    });
  }

  private Future<Void> countRepeat(HasMetadata obj, EventMemo.Occurrence o) {
    String patch = new JsonObject().put("count", o.count()).put("lastTimestamp", seconds(o.atMillis())).encode();
    String ns = obj.getMetadata().getNamespace();
    return limiter.write("patch", () -> bridge.call(() -> client.v1().events().inNamespace(ns).withName(o.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch))).mapEmpty();
  }

  private Future<Void> create(HasMetadata obj, String type, String reason, String message, EventMemo.Occurrence o) {
    Event event = event(obj, type, reason, message, o);
    String ns = obj.getMetadata().getNamespace();
    return limiter.write("create", () -> bridge.call(() -> client.v1().events().inNamespace(ns).resource(event)
        .create())).mapEmpty();
  }

  private Event event(HasMetadata obj, String type, String reason, String message, EventMemo.Occurrence o) {
    String ns = obj.getMetadata().getNamespace();
    return new EventBuilder()
        .withNewMetadata().withNamespace(ns).withName(o.name()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(obj.getApiVersion()).withKind(obj.getKind())
            .withName(obj.getMetadata().getName()).withNamespace(ns).withUid(obj.getMetadata().getUid())
            .withResourceVersion(obj.getMetadata().getResourceVersion()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withCount(o.count()).withFirstTimestamp(seconds(o.firstMillis())).withLastTimestamp(seconds(o.atMillis()))
        .withEventTime(new MicroTime(MICROS.format(Instant.ofEpochMilli(o.firstMillis()))))
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT).withReportingInstance(reportingInstance).withAction(ACTION)
        .build();
  }

  /**
   * client-go's {@code <object>.<hex time>} (plus a random suffix: two replicas may name an Event in the same
   * millisecond), the object's name shortened so the whole stays a valid name.
   */
  static String newName(String objectName, long nowMillis) {
    String suffix = "." + Long.toHexString(nowMillis) + UUID.randomUUID().toString().substring(0, 6);
    String base = objectName.length() + suffix.length() <= MAX_NAME ? objectName
        : objectName.substring(0, MAX_NAME - suffix.length()).replaceAll("[^a-z0-9]+$", "");
    return base + suffix;
  }

  private static boolean notFound(Throwable err) {
    return err instanceof KubernetesClientException k && k.getCode() == 404;
  }

  /** A metav1.Time: RFC 3339 in whole seconds. */
  private static String seconds(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String truncate(String s) {
    return s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
  }
}
