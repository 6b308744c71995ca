package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static ai.litellm.operator.eventlog.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The controller's per-key state, owned by the log: created once per key, handed to every run, forgotten once. */
class EventLogKeyStateTest {

    /** What a controller remembers about one key. */
    static final class Memo {
        final String key;
        final String namespace;
        final String name;

        Memo(String key, String namespace, String name) {
            this.key = key;
            this.namespace = namespace;
            this.name = name;
        }
    }

    private Vertx vertx;
    private EventLog<Memo> log;
    private final AtomicInteger built = new AtomicInteger();
    private final StateFactory<Memo> memos = (key, ns, name) -> {
        built.incrementAndGet();
        return new Memo(key, ns, name);
    };

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    private RecordingHandler<Memo> deploy(RecordingHandler<Memo> h, StateFactory<Memo> factory) {
        log = Await.await(EventLog.deploy(vertx, TestTopics.of("t", 2, 4), h, EventLogMetrics.noop(), factory));
        return h;
    }

    private static ResourceEvent ev(String ns, String name, EventType type, long generation, long timeMillis) {
        return new ResourceEvent("Model", ns, name, "uid-" + name, "1", generation, type, timeMillis);
    }

    private boolean quiet() {
        for (int p = 0; p < log.partitions(); p++) {
            if (log.lag(p) != 0) {
                return false;
            }
        }
        return log.depth() == 0 && log.inFlight() == 0;
    }

    @Test
    void stateIsCreatedOncePerKeyAndHandedToEveryReconcileOfIt() {
        RecordingHandler<Memo> h = deploy(new RecordingHandler<>(), memos);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 1, () -> "first run");
        log.publish(event("a", EventType.UPDATED, 2));
        Await.eventually(() -> h.count("ns/a") == 2, () -> "second run");
        log.publish(event("a", EventType.REQUEUE, 2));
        log.publish(event("b", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 3 && h.count("ns/b") == 1, () -> "third run and b");

        Memo a = h.callsFor("ns/a").get(0).req().state();
        assertEquals("ns/a", a.key);
        assertEquals("ns", a.namespace);
        assertEquals("a", a.name);
        for (RecordingHandler.Call<Memo> c : h.callsFor("ns/a")) {
            assertSame(a, c.req().state(), "the same state for every run of the key");
        }
        assertSame(a, log.state("ns/a"));
        assertNotSame(a, log.state("ns/b"));
        assertNull(log.state("ns/unknown"));
        assertEquals(2, built.get(), "one state per key");
    }

    @Test
    void aDeletedKeyForgetsItsStateWhenItSettlesAndALaterEventCreatesANewOne() {
        RecordingHandler<Memo> h = deploy(new RecordingHandler<>(), memos);
        log.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 1 && quiet(), () -> "a reconciled");
        Memo first = log.state("ns/a");
        assertNotNull(first);
        log.publish(event("a", EventType.DELETED, 1));
        Await.eventually(() -> h.count("ns/a") == 2 && quiet(), () -> "deletion reconciled");
        assertSame(first, h.callsFor("ns/a").get(1).req().state(), "the deletion's run still has the state");
        Await.eventually(() -> log.state("ns/a") == null, () -> "state forgotten");

        log.publish(event("a", EventType.ADDED, 2));
        Await.eventually(() -> h.count("ns/a") == 3, () -> "recreated key reconciled");
        Memo second = h.callsFor("ns/a").get(2).req().state();
        assertNotSame(first, second);
        assertSame(second, log.state("ns/a"));
        assertEquals(2, built.get());
    }

    @Test
    void forgetNamespaceDropsIdleKeysNowAndBusyKeysWhenTheyNextBecomeIdle() {
        RecordingHandler<Memo> h = deploy(new RecordingHandler<Memo>().hold("gone/busy"), memos);
        for (String name : new String[]{"idle1", "idle2", "busy"}) {
            log.publish(ev("gone", name, EventType.ADDED, 1, 1));
        }
        log.publish(ev("kept", "k", EventType.ADDED, 1, 1));
        Await.eventually(() -> h.calls.size() == 4 && log.inFlight() == 1 && log.depth() == 0, () -> "busy holds");
        Memo idle1 = log.state("gone/idle1");
        assertNotNull(idle1);

        assertEquals(2, Await.await(log.forgetNamespace("gone")), "the idle keys are dropped now");
        assertNull(log.state("gone/idle1"));
        assertNull(log.state("gone/idle2"));
        assertNotNull(log.state("gone/busy"), "a running key keeps its state until it is idle");
        assertNotNull(log.state("kept/k"), "other namespaces are untouched");

        h.releaseAll();
        Await.eventually(() -> log.state("gone/busy") == null, () -> "busy key forgotten once idle");
        Await.eventually(this::quiet, () -> "nothing held back");
        assertEquals(0, Await.await(log.forgetNamespace("gone")));

        log.publish(ev("gone", "idle1", EventType.RESYNC, 1, 2));
        Await.eventually(() -> h.count("gone/idle1") == 2, () -> "a later event reconciles the key again");
        Memo again = log.state("gone/idle1");
        assertNotNull(again, "a later event creates a fresh entry");
        assertNotSame(idle1, again);
    }

    @Test
    void statesAreFoundFromOtherThreadsWhileThePartitionsWork() throws Exception {
        RecordingHandler<Memo> h = deploy(new RecordingHandler<>(), memos);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread driftDetector = new Thread(() -> {
            try {
                while (h.calls.size() < 2000) {
                    log.forEachState((key, m) -> {
                        if (!key.equals(m.key) || log.state(key) != m) {
                            throw new AssertionError(key + " maps to the state of " + m.key);
                        }
                    });
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "drift-detector");
        driftDetector.start();
        for (int i = 0; i < 2000; i++) {
            log.publish(event("k" + i, EventType.ADDED, 1));
        }
        Await.eventually(() -> h.calls.size() == 2000, () -> "all reconciled, got " + h.calls.size());
        driftDetector.join(Await.CONDITION.toMillis());
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        Map<String, Memo> all = new ConcurrentHashMap<>();
        log.forEachState(all::put);
        assertEquals(2000, all.size());
        for (int i = 0; i < 2000; i++) {
            assertSame(all.get("ns/k" + i), log.state("ns/k" + i));
        }
    }

    @Test
    void theRequestTellsWhenTheLatestGenerationWasFirstSeen() {
        RecordingHandler<Memo> h = deploy(new RecordingHandler<>(), memos);
        log.publish(ev("ns", "a", EventType.ADDED, 1, 1_000));
        Await.eventually(() -> h.count("ns/a") == 1 && quiet(), () -> "first run");
        log.publish(ev("ns", "a", EventType.UPDATED, 2, 5_000));
        Await.eventually(() -> h.count("ns/a") == 2 && quiet(), () -> "second run");
        log.publish(ev("ns", "a", EventType.REQUEUE, 2, 9_000));
        Await.eventually(() -> h.count("ns/a") == 3, () -> "third run");
        var calls = h.callsFor("ns/a");
        assertEquals(1_000, calls.get(0).req().generationSeenAtMillis());
        assertEquals(5_000, calls.get(1).req().generationSeenAtMillis());
        assertEquals(2, calls.get(2).req().latestGeneration());
        assertEquals(5_000, calls.get(2).req().generationSeenAtMillis(), "same generation: the first sighting counts");
    }

    @Test
    void aFailingStateFactoryDropsTheEventAndTheNextEventTriesAgain() {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        RecordingHandler<Memo> h = deploy(new RecordingHandler<>(), (key, ns, name) -> {
            if (failedOnce.add(key)) {
                throw new IllegalStateException("not ready for " + key);
            }
            return new Memo(key, ns, name);
        });
        log.publish(event("a", EventType.ADDED, 1));
        log.publish(event("b", EventType.ADDED, 1));
        log.publish(event("a", EventType.UPDATED, 2));
        Await.eventually(() -> h.count("ns/a") == 1, () -> "a reconciled after the retry of its factory");
        Await.eventually(this::quiet, () -> "dropped events hold nothing back");
        assertEquals(0, h.count("ns/b"), "b's only event was dropped");
        assertNull(log.state("ns/b"));
        assertEquals(2, h.callsFor("ns/a").get(0).req().latestGeneration());
    }

    @Test
    void aLogWithoutAFactoryHasNoState() {
        RecordingHandler<Void> h = new RecordingHandler<>();
        EventLog<Void> plain = Await.await(EventLog.deploy(vertx, TestTopics.of("plain", 1, 2), h,
                EventLogMetrics.noop()));
        plain.publish(event("a", EventType.ADDED, 1));
        Await.eventually(() -> h.count("ns/a") == 1, () -> "reconciled");
        assertNull(h.calls.get(0).req().state());
        assertNull(plain.state("ns/a"));
        plain.forEachState((k, s) -> {
            throw new AssertionError("no state expected for " + k);
        });
    }
}
