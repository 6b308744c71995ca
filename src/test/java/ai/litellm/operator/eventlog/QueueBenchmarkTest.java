package ai.litellm.operator.eventlog;

import ai.litellm.operator.bench.QueueBenchmark;
import ai.litellm.operator.bench.QueueBenchmarkResult;
import ai.litellm.operator.cli.BenchQueueCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the benchmark with few keys: checks it completes and reports sane figures, not performance. */
class QueueBenchmarkTest {

    @Test
    void smallRunReconcilesEveryKeyAndMeasuresFreshChanges() throws Exception {
        QueueBenchmarkResult r = QueueBenchmark.run(new QueueBenchmark.Options(2_000, 2, 16, 1));
        assertEquals(2_000, r.keys());
        assertTrue(r.freshChanges() >= 200, "fresh changes injected: " + r.freshChanges());
        assertEquals(2_000 + r.freshChanges(), r.events());
        assertTrue(r.eventsPerSecond() > 0);
        assertTrue(r.queueWaitP99Ms() >= r.queueWaitP50Ms());
        assertTrue(r.freshChangeP99Ms() > 0 && r.freshChangeMaxMs() >= r.freshChangeP99Ms());
    }

    @Test
    void commandPrintsOneJsonObjectWithTheRequiredKeys() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BenchQueueCommand cmd = new BenchQueueCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(buf, true, StandardCharsets.UTF_8));
        int exit = cl.execute("--keys", "500", "--partitions", "2", "--concurrency", "8", "--handler-delay-ms", "1",
                "--json");
        assertEquals(0, exit);
        String json = buf.toString(StandardCharsets.UTF_8).trim();
        assertTrue(json.startsWith("{") && json.endsWith("}"), json);
        for (String key : new String[]{"\"keys\":500", "\"events_per_second\":", "\"queue_wait_p99_ms\":",
                "\"fresh_change_p99_ms\":", "\"handler\":\"noop\"", "\"handler\":\"async-delay\""}) {
            assertTrue(json.contains(key), "missing " + key + " in " + json);
        }
        assertEquals(1, json.lines().count());
    }
}
