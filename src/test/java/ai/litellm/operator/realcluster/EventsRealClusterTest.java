package ai.litellm.operator.realcluster;

import static ai.litellm.operator.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.eventlog.EventLogMetrics;
import ai.litellm.operator.eventlog.ratelimit.DownstreamLimiters;
import ai.litellm.operator.eventlog.ratelimit.LimiterSettings;
import ai.litellm.operator.kube.BlockingBridge;
import ai.litellm.operator.kube.EventMemo;
import ai.litellm.operator.kube.EventRecorder;
import ai.litellm.operator.kube.KubeRequestLimiter;
import ai.litellm.operator.sandbox.realcluster.RealControlPlane;
import ai.litellm.operator.testing.Await;
import ai.litellm.operator.testing.realcluster.RealCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events as client-go records them (issue #16.6), on a real v1.20 API server and the real kubectl: a repeat patches
 * the count and lastTimestamp of the Event already there, and the Event says which component and replica wrote it.
 */
@RealCluster(controllerManager = false)
class EventsRealClusterTest {
  private static final String NS = "events";
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  static Vertx vertx;
  static BlockingBridge bridge;
  static KubeRequestLimiter limiter;

  @BeforeAll
  static void install(KubernetesClient admin) {
    ClusterSetup.installCrds(admin);
    ClusterSetup.namespace(admin, NS);
    vertx = Vertx.vertx();
    bridge = new BlockingBridge(vertx, 2);
    limiter = new KubeRequestLimiter(new DownstreamLimiters(vertx, n -> LimiterSettings.unlimited(),
        EventLogMetrics.noop()).forDownstream("kubernetes-writes"), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    bridge.close();
    vertx.close();
  }

  /**
   * Three occurrences 12 minutes apart (past the memo's 10-minute repeat interval) and one within it: one Event object,
   * count 3, its lastTimestamp the third occurrence's, and {@code kubectl describe} shows one line "x3 over 25m".
   */
  @Test
  void repeatsCountOnOneEvent(KubernetesClient admin, RealControlPlane plane) throws Exception {
    Model model = model(admin, "gpt");
    Instant now = Instant.now();
    EventRecorder recorder = recorder(admin, now.minus(25, MINUTES), now.minus(13, MINUTES), now.minus(1, MINUTES),
        now.minusSeconds(30));
    EventMemo memo = new EventMemo();
    for (int i = 0; i < 4; i++) {
      await(recorder.record(model, memo, "Warning", "SecretNotFound", "Secret events/keys not found"));
    }

    List<Event> events = eventsOn(admin, model);
    assertEquals(1, events.size(), "one Event object for three repeats: " + events);
    Event e = events.get(0);
    assertEquals(3, e.getCount(), "the fourth, 30 s after the third, was dropped");
    assertEquals(now.minus(25, MINUTES).truncatedTo(SECONDS), Instant.parse(e.getFirstTimestamp()));
    assertEquals(now.minus(1, MINUTES).truncatedTo(SECONDS), Instant.parse(e.getLastTimestamp()));
    assertEquals(now.minus(25, MINUTES).truncatedTo(MILLIS), Instant.parse(e.getEventTime().getTime()));
    assertEquals("litellm.litellm.ai/operator", e.getReportingComponent());
    assertEquals("events-test-replica", e.getReportingInstance());
    assertEquals("litellm.litellm.ai/operator", e.getSource().getComponent());
    assertEquals("Reconcile", e.getAction());
    for (String selector : List.of("source", "reportingComponent")) { // docs/metrics.md, docs/runbooks.md
      assertEquals(List.of(e.getMetadata().getName()), admin.v1().events().inNamespace(NS)
          .withField(selector, "litellm.litellm.ai/operator").list().getItems().stream()
          .filter(x -> x.getInvolvedObject().getName().equals("gpt")).map(x -> x.getMetadata().getName()).toList(),
          "kubectl get events --field-selector " + selector + "=litellm.litellm.ai/operator finds it");
    }

    String described = kubectl(plane, "describe", "model", "gpt", "-n", NS);
    System.out.println("kubectl describe model gpt -n " + NS + ":\n" + described);
    List<String> lines = described.lines().filter(l -> l.contains("SecretNotFound")).toList();
    assertEquals(1, lines.size(), described);
    assertTrue(lines.get(0).matches(".*Warning +SecretNotFound +\\S+ \\(x3 over 2\\dm\\)"
        + " +litellm\\.litellm\\.ai/operator +Secret events/keys not found.*"), described);
  }

  /** A repeat whose Event expired (the API server's --event-ttl) creates it again, keeping the count so far. */
  @Test
  void aRepeatOfAnExpiredEventCreatesItAgain(KubernetesClient admin) {
    Model model = model(admin, "expired");
    Instant now = Instant.now();
    EventRecorder recorder = recorder(admin, now.minus(15, MINUTES), now.minus(1, MINUTES));
    EventMemo memo = new EventMemo();
    await(recorder.record(model, memo, "Normal", "Adopted", "adopted it"));
    Event first = eventsOn(admin, model).get(0);
    admin.v1().events().inNamespace(NS).withName(first.getMetadata().getName()).delete();
    Await.eventually("the Event is gone", ClusterSetup.WAIT, () -> eventsOn(admin, model).isEmpty());

    await(recorder.record(model, memo, "Normal", "Adopted", "adopted it"));
    List<Event> events = eventsOn(admin, model);
    assertEquals(1, events.size(), events.toString());
    Event again = events.get(0);
    assertEquals(first.getMetadata().getName(), again.getMetadata().getName());
    assertEquals(2, again.getCount());
    assertEquals(first.getFirstTimestamp(), again.getFirstTimestamp());
    assertEquals(now.minus(1, MINUTES).truncatedTo(SECONDS), Instant.parse(again.getLastTimestamp()));
  }

  /** The Model, without Events (a rerun of the class finds the previous run's). */
  private static Model model(KubernetesClient admin, String name) {
    Model model = admin.resources(Model.class).inNamespace(NS).resource(Fixtures.model(NS, name, "proxy"))
        .createOr(NonDeletingOperation::update);
    admin.v1().events().inNamespace(NS).withField("involvedObject.name", name).delete();
    Await.eventually("no Event on " + name, ClusterSetup.WAIT, () -> eventsOn(admin, model).isEmpty());
    return model;
  }

  /** A recorder whose occurrences happen at {@code times}, one each. */
  private static EventRecorder recorder(KubernetesClient admin, Instant... times) {
    Deque<Instant> next = new ArrayDeque<>(List.of(times));
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        return next.removeFirst();
      }
    };
    return new EventRecorder(admin, bridge, limiter, "events-test-replica", clock);
  }

  private static List<Event> eventsOn(KubernetesClient admin, Model model) {
    return admin.v1().events().inNamespace(NS).withField("involvedObject.uid", model.getMetadata().getUid()).list()
        .getItems();
  }

  private static String kubectl(RealControlPlane plane, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig",
        plane.kubeconfigPath().toString(), "--cache-dir", plane.runDir().resolve("kubectl-cache").toString(),
        "--request-timeout", "60s"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "kubectl did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
