package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import static ai.litellm.operator.eventlog.ReadyQueuesTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OffsetsTest {

    @Test
    void committedIsTheLowestUnsettledOffset() {
        Offsets<Void> o = new Offsets<>();
        KeyEntry<Void> a = entry("a");
        KeyEntry<Void> b = entry("b");
        assertEquals(0, o.committed());
        o.hold(a, o.append()); // 0
        o.hold(b, o.append()); // 1
        o.hold(a, o.append()); // 2: a already holds 0
        assertEquals(3, o.logEnd());
        assertEquals(0, o.committed());
        o.commitAll(a);
        assertEquals(1, o.committed());
        o.commitAll(b);
        assertEquals(3, o.committed(), "all settled: committed = log end");
    }

    @Test
    void eventsThatArriveDuringARunStayUncommittedAfterIt() {
        Offsets<Void> o = new Offsets<>();
        KeyEntry<Void> a = entry("a");
        o.hold(a, o.append()); // 0
        o.runStarted(a);
        long during = o.append(); // 1
        o.arrivedDuringRun(a, during);
        o.arrivedDuringRun(a, o.append()); // 2: the first one counts
        o.commitThroughRun(a);
        assertEquals(1, o.committed(), "offset 0 settled by the run, 1 and 2 still pending");
        o.runStarted(a);
        o.commitThroughRun(a);
        assertEquals(3, o.committed());
    }

    @Test
    void aRunWithNothingHeldCanStillBeOvertakenByNewEvents() {
        Offsets<Void> o = new Offsets<>();
        KeyEntry<Void> a = entry("a");
        o.runStarted(a); // e.g. a requeue: nothing uncommitted
        long during = o.append();
        o.arrivedDuringRun(a, during);
        o.hold(a, during);
        assertEquals(0, o.committed());
        o.commitThroughRun(a);
        assertEquals(0, o.committed(), "the event after dispatch is not covered by the run");
        o.commitAll(a);
        assertEquals(1, o.committed());
    }
}
