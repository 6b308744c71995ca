package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-key state machine without Vert.x: a fake clock and direct calls in the order a partition makes them. */
class KeySchedulerTest {

    /** A controller's per-key state. */
    static final class Memo {
        final String key;

        Memo(String key) {
            this.key = key;
        }
    }

    private final AtomicInteger statesBuilt = new AtomicInteger();
    private final KeyTable<Memo> keys = new KeyTable<>((key, ns, name) -> {
        statesBuilt.incrementAndGet();
        return new Memo(key);
    });
    private final KeyScheduler<Memo> s = new KeyScheduler<>(keys,
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), true);
    private long now = 1_000;

    private static ResourceEvent ev(String ns, String name, EventType type, long generation, long timeMillis) {
        return new ResourceEvent("Model", ns, name, "uid", "1", generation, type, timeMillis);
    }

    private void accept(String name, EventType type, long generation) {
        s.accept(ev("ns", name, type, generation, 0), now++);
    }

    private KeyEntry<Memo> runNext() {
        assertTrue(s.hasReady(), "a key is ready");
        return s.startNext(now++);
    }

    private void settle(KeyEntry<Memo> k, ReconcileResult r) {
        s.settle(k, r, now++);
    }

    private boolean settled() {
        return s.offsets().committed() == s.offsets().logEnd();
    }

    @Test
    void oneEntryAndOneStatePerKeyForEveryRun() {
        accept("a", EventType.ADDED, 1);
        accept("a", EventType.UPDATED, 1);
        KeyEntry<Memo> first = runNext();
        assertFalse(s.hasReady(), "two events, one run");
        settle(first, ReconcileResult.done());
        accept("a", EventType.UPDATED, 2);
        KeyEntry<Memo> second = runNext();
        assertSame(first, second);
        assertSame(first.state, keys.state("ns/a"));
        assertEquals("ns/a", first.state.key);
        assertEquals(1, statesBuilt.get());
    }

    @Test
    void eventsDuringARunCauseExactlyOneMoreRunWithTheirPriority() {
        accept("a", EventType.ADDED, 1);
        KeyEntry<Memo> k = runNext();
        accept("a", EventType.RESYNC, 1);
        accept("a", EventType.UPDATED, 2);
        accept("a", EventType.RESYNC, 2);
        assertFalse(s.hasReady(), "a running key is never queued");
        assertEquals(0, s.offsets().committed(), "the run has not settled offset 0 yet");
        settle(k, ReconcileResult.done());
        assertEquals(1, s.ready().size());
        assertEquals(1, s.offsets().committed(), "offset 0 was covered by the run, 1..3 were not");
        KeyEntry<Memo> again = runNext();
        assertTrue(again.runFresh, "a fresh change among the events makes the re-run fresh");
        assertEquals(2, again.dispatchedGeneration);
        settle(again, ReconcileResult.done());
        assertFalse(s.hasReady());
        assertTrue(settled());
    }

    @Test
    void generationSeenAtIsTheTimeOfTheEventThatFirstRaisedTheGeneration() {
        s.accept(ev("ns", "a", EventType.RESYNC, 0, 500), now++);
        assertEquals(0, keys.get("ns/a").generationSeenAtMillis, "no generation, no time");
        s.accept(ev("ns", "a", EventType.ADDED, 1, 1_000), now++);
        s.accept(ev("ns", "a", EventType.UPDATED, 1, 2_000), now++); // a status echo of the same generation
        assertEquals(1_000, keys.get("ns/a").generationSeenAtMillis);
        s.accept(ev("ns", "a", EventType.UPDATED, 2, 3_000), now++);
        s.accept(ev("ns", "a", EventType.RESYNC, 2, 4_000), now++);
        s.accept(ev("ns", "a", EventType.UPDATED, 1, 5_000), now++); // an older generation arriving late
        KeyEntry<Memo> k = keys.get("ns/a");
        assertEquals(2, k.latestGeneration);
        assertEquals(3_000, k.generationSeenAtMillis);
    }

    @Test
    void aDeletedKeyIsForgottenWhenItSettlesAndALaterEventStartsAfresh() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.done());
        Memo before = keys.state("ns/a");
        accept("a", EventType.DELETED, 1);
        KeyEntry<Memo> k = runNext();
        assertSame(before, k.state, "the deletion's run still sees the key's state");
        settle(k, ReconcileResult.done());
        assertNull(keys.get("ns/a"), "forgotten with its state");
        assertTrue(settled());
        accept("a", EventType.UPDATED, 1);
        KeyEntry<Memo> reborn = runNext();
        assertNotSame(before, reborn.state);
        assertTrue(reborn.runFresh, "an unknown key's update is a fresh change");
        assertEquals(2, statesBuilt.get());
    }

    @Test
    void aDeletedKeyWithEventsPendingIsKept() {
        accept("a", EventType.ADDED, 1);
        KeyEntry<Memo> k = runNext();
        accept("a", EventType.DELETED, 1);
        settle(k, ReconcileResult.done());
        assertNotNull(keys.get("ns/a"), "the deletion still has to run");
        settle(runNext(), ReconcileResult.done());
        assertNull(keys.get("ns/a"));
    }

    @Test
    void forgetNamespaceDropsIdleKeysNowAndBusyKeysWhenTheyBecomeIdle() {
        for (String n : new String[]{"idle", "parked", "queued", "running", "delayed"}) {
            s.accept(ev("gone", n, EventType.ADDED, 1, 0), now++);
        }
        s.accept(ev("kept", "other", EventType.ADDED, 1, 0), now++);
        KeyEntry<Memo> idle = runNext();
        settle(idle, ReconcileResult.done());
        settle(runNext(), ReconcileResult.permanent(new IllegalArgumentException("invalid")));
        KeyEntry<Memo> queued = runNext();
        settle(queued, ReconcileResult.done());
        s.accept(ev("gone", "queued", EventType.UPDATED, 2, 0), now++);
        KeyEntry<Memo> running = runNext();
        assertEquals("running", running.name);
        settle(runNext(), ReconcileResult.retry(new RuntimeException("down"), null));
        KeyEntry<Memo> other = runNext();
        assertEquals("other", other.name);
        settle(other, ReconcileResult.done());
        assertTrue(running.inFlight);

        assertEquals(2, s.forgetNamespace("gone"), "the idle and the parked key");
        assertNull(keys.get("gone/idle"));
        assertNull(keys.get("gone/parked"));
        assertNotNull(keys.get("gone/queued"));
        assertNotNull(keys.get("gone/delayed"));
        assertNotNull(keys.get("kept/other"));

        settle(running, ReconcileResult.done());
        assertNull(keys.get("gone/running"), "forgotten once its run ended");
        KeyEntry<Memo> q = runNext();
        assertEquals("queued", q.name);
        settle(q, ReconcileResult.done());
        assertNull(keys.get("gone/queued"));
        s.expireDelays(Long.MAX_VALUE - 1, now++);
        KeyEntry<Memo> d = runNext();
        assertEquals("delayed", d.name);
        assertSame(d.state, keys.state("gone/delayed"), "its state lives until it is idle");
        settle(d, ReconcileResult.done());
        assertNull(keys.get("gone/delayed"));
        assertEquals(1, keys.size());
        assertTrue(settled(), "forgotten keys hold no offsets back");

        s.accept(ev("gone", "idle", EventType.RESYNC, 1, 0), now++);
        assertNotNull(keys.get("gone/idle"), "a later event creates a fresh entry");
        assertFalse(keys.get("gone/idle").forgetWhenIdle);
    }

    @Test
    void aRetryHonoursItsBackoffUntilAFreshChange() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.retry(new RuntimeException("down"), null));
        KeyEntry<Memo> k = keys.get("ns/a");
        assertEquals(1, k.failures);
        assertEquals(1, s.delays().size());
        long due = s.nextDueNanos();
        assertTrue(due >= now + Duration.ofMillis(700).toNanos(), "first backoff ~1 s");
        accept("a", EventType.RESYNC, 1);
        accept("a", EventType.UPDATED, 1);
        assertFalse(s.hasReady(), "non-fresh events wait for the backoff");
        assertEquals(0, s.offsets().committed(), "a retrying key holds the commit back");
        s.expireDelays(due, now++);
        KeyEntry<Memo> retry = runNext();
        assertEquals(2, retry.failures + 1, "attempt 2");
        assertTrue(retry.runFresh, "a retry keeps the priority of the run that failed");
        settle(retry, ReconcileResult.retry(new RuntimeException("down"), Duration.ofSeconds(30)));
        accept("a", EventType.UPDATED, 2);
        assertTrue(s.hasReady(), "a new generation runs now");
        assertEquals(0, s.delays().size());
        KeyEntry<Memo> fresh = runNext();
        assertEquals(0, fresh.failures, "and resets the backoff");
        settle(fresh, ReconcileResult.done());
        assertTrue(settled());
    }

    @Test
    void aRetryAfterIsCappedAtTheBackoffCapEvenWhenTooLargeForNanos() {
        accept("a", EventType.ADDED, 1);
        long settledAt = now;
        settle(runNext(), ReconcileResult.retry(new RuntimeException("429"), Duration.ofDays(1)));
        assertTrue(s.nextDueNanos() <= settledAt + 2 + Duration.ofMinutes(1).toNanos(), "one day capped at 1 min");
        s.expireDelays(s.nextDueNanos(), now++);
        long again = now;
        settle(runNext(), ReconcileResult.retry(new RuntimeException("429"), Duration.ofSeconds(99999999999999L)));
        assertEquals(1, s.delays().size(), "the key is not lost");
        assertTrue(s.nextDueNanos() <= again + 2 + Duration.ofMinutes(1).toNanos(), "capped, no overflow");
        assertTrue(s.nextDueNanos() > again, "still in the future");
    }

    @Test
    void aPermanentErrorParksTheKeyUntilASpecChange() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.permanent(new IllegalArgumentException("invalid")));
        accept("a", EventType.RESYNC, 1);
        accept("a", EventType.REQUEUE, 1);
        assertFalse(s.hasReady());
        assertTrue(settled(), "ignored events are committed");
        accept("a", EventType.UPDATED, 2);
        KeyEntry<Memo> k = runNext();
        assertEquals(2, k.dispatchedGeneration);
        settle(k, ReconcileResult.requeueAfter(Duration.ofMillis(5)));
        assertEquals(1, s.delays().size());
        assertTrue(settled(), "a requeue is a terminal outcome");
        s.expireDelays(s.nextDueNanos(), now++);
        assertFalse(runNext().runFresh, "a requeue runs with resync priority");
    }

    @Test
    void aParkedKeyWithARecheckRunsOnceMoreAfterTheDelayAtResyncPriority() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.permanent(new IllegalStateException("id taken"), Duration.ofMinutes(10)));
        accept("a", EventType.RESYNC, 1);
        accept("a", EventType.REQUEUE, 1);
        assertFalse(s.hasReady(), "still parked: only a fresh change or the re-check wakes it");
        assertTrue(settled(), "parking is a terminal outcome, and ignored events are committed");
        assertEquals(1, s.delays().size(), "the re-check waits in the delay queue");
        s.expireDelays(s.nextDueNanos(), now++);
        KeyEntry<Memo> k = runNext();
        assertFalse(k.runFresh, "a re-check runs with resync priority");
        settle(k, ReconcileResult.done());
        assertTrue(settled());
        assertEquals(0, s.delays().size());
        accept("a", EventType.RESYNC, 1);
        assertTrue(s.hasReady(), "no longer parked once the re-check succeeded");
    }

    @Test
    void aFreshChangeWakesAParkedKeyAtOnceAndDropsItsRecheck() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.permanent(new IllegalStateException("no grant"), Duration.ofMinutes(10)));
        accept("a", EventType.UPDATED, 0); // a dependency changed: an event without generation is fresh
        KeyEntry<Memo> k = runNext();
        assertTrue(k.runFresh);
        assertEquals(0, s.delays().size(), "the re-check is cancelled");
        settle(k, ReconcileResult.permanent(new IllegalStateException("no grant"), Duration.ofMinutes(10)));
        assertEquals(1, s.delays().size(), "parked again, with a new re-check");
        assertTrue(settled());
    }

    @Test
    void forgetNamespaceDropsAParkedKeyNowTogetherWithItsRecheck() {
        accept("a", EventType.ADDED, 1);
        settle(runNext(), ReconcileResult.permanent(new IllegalStateException("id taken"), Duration.ofMinutes(10)));
        assertEquals(1, s.delays().size());
        assertEquals(1, s.forgetNamespace("ns"), "a parked key holds nothing worth keeping");
        assertEquals(0, keys.size());
        assertEquals(0, s.delays().size(), "its re-check went with it");
        assertTrue(settled());
    }
}
