package ai.litellm.operator.eventlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionPermitsTest {

    @Test
    void takesFreePermitsThenWaitsOnceAndIsGrantedTheNextRelease() {
        TopicPermits topic = new TopicPermits(2);
        List<String> grants = new ArrayList<>();
        PartitionPermits[] p = new PartitionPermits[2];
        p[0] = new PartitionPermits(topic, () -> grants.add("p0"));
        p[1] = new PartitionPermits(topic, () -> grants.add("p1"));
        assertTrue(p[0].take());
        assertTrue(p[0].take());
        assertFalse(p[0].take(), "none left");
        assertFalse(p[0].take(), "still none; registered only once");
        assertFalse(p[1].take());
        assertEquals(2, topic.inUse());

        p[0].release();
        assertEquals(List.of("p0"), grants, "the longest waiter gets the permit");
        p[0].granted(); // the grant arrived on p0's context
        assertEquals(1, p[0].held());
        p[0].release();
        assertEquals(List.of("p0", "p1"), grants);
        p[1].granted();

        assertTrue(p[0].take(), "a held permit is used first");
        assertEquals(0, p[0].held());
        p[1].returnHeld();
        assertEquals(0, p[1].held());
        assertEquals(1, topic.inUse(), "only p0's running reconcile holds a permit");
        p[0].release();
        assertEquals(0, topic.inUse());
    }
}
