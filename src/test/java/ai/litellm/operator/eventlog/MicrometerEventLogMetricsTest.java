package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrometerEventLogMetricsTest {

    @Test
    void exportsControllerRuntimeNamesWithBoundedLabels() {
        Vertx vertx = Vertx.vertx();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            MicrometerEventLogMetrics metrics = new MicrometerEventLogMetrics(registry, "model");
            KeyHandler<Void> h = req -> Future.succeededFuture(req.name().startsWith("bad")
                    ? ReconcileResult.retry(new RuntimeException("x"), Duration.ofSeconds(30)) : ReconcileResult.done());
            EventLog<Void> log = Await.await(EventLog.deploy(vertx, TestTopics.of("model", 2, 4), h, metrics));
            for (int i = 0; i < 20; i++) {
                log.publish(event("m" + i, EventType.ADDED, 1));
            }
            log.publish(event("bad", EventType.ADDED, 1));
            Await.eventually(() -> log.delayed() == 1 && log.depth() == 0 && log.inFlight() == 0, () -> "processed");
            metrics.rateLimiterWait("litellm", 1_000_000);
            String text = registry.scrape();
            for (String name : new String[]{
                    "workqueue_depth{controller=\"model\",name=\"model\"}",
                    "workqueue_adds_total{controller=\"model\",name=\"model\"} 21",
                    "workqueue_retries_total{controller=\"model\",name=\"model\"} 1",
                    "workqueue_queue_duration_seconds_bucket",
                    "workqueue_work_duration_seconds_count{controller=\"model\",name=\"model\"} 21",
                    "workqueue_unfinished_work_seconds",
                    "workqueue_longest_running_processor_seconds",
                    "controller_runtime_reconcile_total{controller=\"model\",result=\"success\"} 20",
                    "controller_runtime_reconcile_total{controller=\"model\",result=\"error\"} 1",
                    "controller_runtime_reconcile_errors_total{controller=\"model\"} 1",
                    "controller_runtime_reconcile_time_seconds_bucket",
                    "controller_runtime_active_workers{controller=\"model\"} 0",
                    "controller_runtime_max_concurrent_reconciles{controller=\"model\"} 4",
                    "litellm_operator_partition_lag{partition=\"1\",topic=\"model\"}",
                    "litellm_operator_queue_oldest_item_age_seconds{topic=\"model\"}",
                    "litellm_operator_rate_limiter_wait_seconds_count{limiter=\"litellm\"} 1"}) {
                assertTrue(text.contains(name), "missing " + name + " in\n" + text);
            }
            assertFalse(text.contains("m1"), "no object name in any label");
            Await.await(log.stop(Duration.ofSeconds(5)));
            assertFalse(registry.scrape().contains("litellm_operator_partition_lag"), "gauges dropped on stop");
        } finally {
            Await.await(vertx.close());
        }
    }
}
