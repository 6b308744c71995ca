package ai.litellm.operator.eventlog;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.testing.Await;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every run the log dispatches has its own reconcile id: across keys, partitions, and runs of one key. */
class ReconcileIdTest {
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    @Test
    void eachRunOfEachKeyHasItsOwnIdAcrossPartitions() {
        RecordingHandler<Void> h = new RecordingHandler<>();
        EventLog<Void> log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 4, 8), h, EventLogMetrics.noop()));
        for (int i = 0; i < 200; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> h.calls.size() == 200, () -> "first runs: " + h.calls.size());
        for (int i = 0; i < 200; i++) {
            log.publish(event("k" + i, EventType.UPDATED, 2)); // a second run of every key
        }
        Await.eventually(() -> h.calls.size() == 400, () -> "second runs: " + h.calls.size());

        Set<Long> ids = new HashSet<>();
        for (RecordingHandler.Call<Void> c : h.calls) {
            assertTrue(c.req().reconcileId() > 0, "an id from the log: " + c.req());
            ids.add(c.req().reconcileId());
        }
        assertEquals(400, ids.size(), "no two runs share an id");
        Await.await(log.stop(Duration.ofSeconds(5)));
    }

    @Test
    void aRetryIsANewRun() {
        RecordingHandler<Void> h = new RecordingHandler<Void>()
            .script(req -> req.attempt() < 3 ? ReconcileResult.retry(new IllegalStateException("down"),
                Duration.ofMillis(1)) : ReconcileResult.done());
        EventLog<Void> log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 2, 2), h, EventLogMetrics.noop()));
        log.publish(event("flaky", EventType.ADDED, 1));
        Await.eventually(() -> h.calls.size() == 3, () -> "three attempts: " + h.calls.size());
        List<Long> ids = h.calls.stream().map(c -> c.req().reconcileId()).toList();
        assertEquals(3, new HashSet<>(ids).size(), "attempts " + ids);
        Await.await(log.stop(Duration.ofSeconds(5)));
    }
}
