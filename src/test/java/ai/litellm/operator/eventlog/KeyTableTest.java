package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTableTest {

    record Memo(String key, String namespace, String name) {
    }

    @Test
    void createBuildsTheStateOnceAndForgetDropsBoth() {
        AtomicInteger built = new AtomicInteger();
        KeyTable<Memo> t = new KeyTable<>((key, ns, name) -> {
            built.incrementAndGet();
            return new Memo(key, ns, name);
        });
        KeyEntry<Memo> a = t.create("ns/a", "ns", "a");
        assertEquals(new Memo("ns/a", "ns", "a"), a.state);
        assertSame(a, t.get("ns/a"));
        assertSame(a.state, t.state("ns/a"));
        assertEquals(1, built.get());
        assertEquals(1, t.size());
        t.forget(a);
        assertNull(t.get("ns/a"));
        assertNull(t.state("ns/a"));
        assertEquals(0, t.size());
    }

    @Test
    void forgettingAStaleEntryDoesNotDropItsSuccessor() {
        KeyTable<Memo> t = new KeyTable<>(Memo::new);
        KeyEntry<Memo> old = t.create("ns/a", "ns", "a");
        t.forget(old);
        KeyEntry<Memo> fresh = t.create("ns/a", "ns", "a");
        t.forget(old);
        assertSame(fresh, t.get("ns/a"));
    }

    @Test
    void withoutAFactoryStatesAreNullAndNotIterated() {
        KeyTable<Void> t = new KeyTable<>(null);
        t.create("ns/a", "ns", "a");
        assertNull(t.state("ns/a"));
        t.forEachState((k, s) -> {
            throw new AssertionError("no state to visit: " + k);
        });
        assertEquals(1, t.size());
    }

    @Test
    void aFailingFactoryNamesTheKeyAndCreatesNothing() {
        KeyTable<Memo> t = new KeyTable<>((key, ns, name) -> {
            throw new IllegalArgumentException("bad");
        });
        KeyTable.StateFactoryFailed e = assertThrows(KeyTable.StateFactoryFailed.class,
                () -> t.create("ns/a", "ns", "a"));
        assertTrue(e.getMessage().contains("ns/a"), e.getMessage());
        assertNull(t.get("ns/a"));
    }

    @Test
    void otherThreadsSeeStatesWhileThePartitionWrites() throws Exception {
        KeyTable<Memo> t = new KeyTable<>(Memo::new);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                for (int round = 0; round < 200; round++) {
                    Map<String, Memo> seen = new HashMap<>();
                    t.forEachState(seen::put);
                    seen.forEach((k, m) -> {
                        if (!m.key().equals(k)) {
                            throw new AssertionError(k + " has the state of " + m.key());
                        }
                    });
                    Memo m = t.state("ns/k0");
                    if (m != null && !m.name().equals("k0")) {
                        throw new AssertionError("wrong state " + m);
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            KeyEntry<Memo> e = t.create("ns/k" + i, "ns", "k" + i);
            if (i % 2 == 1) {
                t.forget(e);
            }
        }
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        Map<String, Memo> all = new HashMap<>();
        t.forEachState(all::put);
        assertEquals(10_000, all.size());
        assertEquals("k0", t.state("ns/k0").name());
    }
}
