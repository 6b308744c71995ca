package ai.litellm.operator.eventlog;

import ai.litellm.operator.testing.Await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised property test: thousands of keys, several producer threads, asynchronous handlers of random duration and
 * injected failures (failed futures, thrown exceptions, Retry-After, requeues). Properties: no two reconciles of one key
 * ever overlap, and once the log is quiet the last state of every key has been reconciled successfully.
 */
class EventLogConcurrencyPropertyTest {

    private static final int KEYS = 3000;
    private static final int PRODUCERS = 3;
    private static final int EVENTS_PER_PRODUCER = 12_000;

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Await.await(vertx.close());
    }

    @RepeatedTest(2)
    void keysNeverOverlapAndLastStateIsAlwaysReconciled() throws Exception {
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, AtomicLong> written = new ConcurrentHashMap<>();   // latest state version per key
        Map<String, AtomicLong> reconciled = new ConcurrentHashMap<>(); // state version a successful run saw
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger failuresInjected = new AtomicInteger();

        KeyHandler<Void> handler = req -> {
            if (running.computeIfAbsent(req.key(), k -> new AtomicInteger()).incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            // Level-triggered: read the latest state at the start, like a reconcile reading the informer cache.
            long seen = written.get(req.key()).get();
            int dice = ThreadLocalRandom.current().nextInt(100);
            if (dice < 3) {
                running.get(req.key()).decrementAndGet();
                failuresInjected.incrementAndGet();
                throw new IllegalStateException("injected synchronous failure");
            }
            Promise<ReconcileResult> p = Promise.promise();
            long delay = 1 + ThreadLocalRandom.current().nextInt(3);
            vertx.setTimer(delay, t -> {
                running.get(req.key()).decrementAndGet();
                if (dice < 10) {
                    failuresInjected.incrementAndGet();
                    p.fail(new RuntimeException("injected async failure"));
                } else if (dice < 13) {
                    failuresInjected.incrementAndGet();
                    p.complete(ReconcileResult.retry(new RuntimeException("throttled"), Duration.ofMillis(5)));
                } else {
                    reconciled.computeIfAbsent(req.key(), k -> new AtomicLong(-1))
                            .accumulateAndGet(seen, Math::max);
                    p.complete(dice < 16 ? ReconcileResult.requeueAfter(Duration.ofMillis(3)) : ReconcileResult.done());
                }
            });
            return p.future();
        };
        TopicConfig cfg = TestTopics.of("prop", 4, 32).withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
        EventLog<Void> log = Await.await(EventLog.deploy(vertx, cfg, handler, EventLogMetrics.noop()));

        for (int k = 0; k < KEYS; k++) {
            written.put("ns/m" + k, new AtomicLong());
        }
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < PRODUCERS; t++) {
            long seed = 42L * (t + 1);
            Thread th = new Thread(() -> {
                Random rnd = new Random(seed);
                EventType[] types = EventType.values();
                for (int i = 0; i < EVENTS_PER_PRODUCER; i++) {
                    String name = "m" + rnd.nextInt(KEYS);
                    long version = written.get("ns/" + name).incrementAndGet(); // write the state, then announce it
                    EventType type = types[rnd.nextInt(types.length)];
                    if (type == EventType.DELETED) {
                        type = EventType.UPDATED; // keep every key alive so the last state is checkable
                    }
                    log.publish(TestEvents.event(name, type, version / 7 + 1));
                    if (i % 500 == 0) {
                        Await.sleep(1);
                    }
                }
            }, "producer-" + t);
            producers.add(th);
            th.start();
        }
        for (Thread th : producers) {
            th.join();
        }
        Await.eventually(() -> log.depth() == 0 && log.inFlight() == 0 && log.delayed() == 0 && allCommitted(log),
                () -> "quiet log: depth=" + log.depth() + " inFlight=" + log.inFlight() + " delayed=" + log.delayed());

        assertEquals(0, overlaps.get(), "two reconciles of one key overlapped");
        assertTrue(failuresInjected.get() > 100, "the test must actually inject failures");
        for (Map.Entry<String, AtomicLong> e : written.entrySet()) {
            AtomicLong r = reconciled.get(e.getKey());
            long last = e.getValue().get();
            if (last == 0) {
                continue; // never written
            }
            assertTrue(r != null && r.get() == last,
                    e.getKey() + ": last state " + last + " but reconciled " + (r == null ? "never" : r.get()));
        }
        Await.await(log.stop(Duration.ofSeconds(10)));
    }

    private static boolean allCommitted(EventLog<?> log) {
        for (int p = 0; p < log.partitions(); p++) {
            if (log.lag(p) != 0) {
                return false;
            }
        }
        return true;
    }
}
