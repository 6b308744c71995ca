package ai.litellm.operator.cli;

import ai.litellm.operator.bench.QueueBenchmark;
import ai.litellm.operator.bench.QueueBenchmarkResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code litellm-operator bench queue}: the event log's micro-benchmark. Runs a no-op handler and, unless
 * {@code --handler-delay-ms 0}, a handler that waits asynchronously; prints the figures of both.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Push N keys through the event log (resync flood plus fresh changes) and report throughput "
                + "and latencies.")
public final class BenchQueueCommand implements Callable<Integer> {

    @Option(names = "--keys", defaultValue = "100000", description = "Keys in the resync flood.")
    int keys;

    @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the topic.")
    int partitions;

    @Option(names = "--concurrency", defaultValue = "128",
            description = "Max concurrent reconciles of the topic.")
    int concurrency;

    @Option(names = "--handler-delay-ms", defaultValue = "5",
            description = "Async wait of the second run's handler; 0 skips that run.")
    int handlerDelayMs;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<QueueBenchmarkResult> runs = new ArrayList<>();
        runs.add(QueueBenchmark.run(new QueueBenchmark.Options(keys, partitions, concurrency, 0)));
        if (handlerDelayMs > 0) {
            runs.add(QueueBenchmark.run(new QueueBenchmark.Options(keys, partitions, concurrency, handlerDelayMs)));
        }
        spec.commandLine().getOut().println(json ? toJson(runs) : toText(runs));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The no-op run's figures at top level (the headline), every run under "runs". */
    static String toJson(List<QueueBenchmarkResult> runs) {
        QueueBenchmarkResult head = runs.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "{\"keys\":%d,\"partitions\":%d,\"concurrency\":%d,\"cpus\":%d,\"events_per_second\":%.0f,"
                        + "\"queue_wait_p99_ms\":%.3f,\"fresh_change_p99_ms\":%.3f,\"runs\":[",
                head.keys(), head.partitions(), head.concurrency(), Runtime.getRuntime().availableProcessors(),
                head.eventsPerSecond(), head.queueWaitP99Ms(), head.freshChangeP99Ms()));
        for (int i = 0; i < runs.size(); i++) {
            sb.append(i > 0 ? "," : "").append(runs.get(i).toJson());
        }
        return sb.append("]}").toString();
    }

    private static String toText(List<QueueBenchmarkResult> runs) {
        StringBuilder sb = new StringBuilder();
        for (QueueBenchmarkResult r : runs) {
            sb.append(String.format(Locale.ROOT,
                    "%-11s keys=%d events=%d in %.2f s: %.0f events/s, queue wait p50 %.2f ms p99 %.2f ms, "
                            + "fresh change p50 %.2f ms p99 %.2f ms max %.2f ms (%d injected), heap %d MiB%n",
                    r.handler() + (r.handlerDelayMs() > 0 ? "(" + r.handlerDelayMs() + "ms)" : ""), r.keys(),
                    r.events(), r.seconds(), r.eventsPerSecond(), r.queueWaitP50Ms(), r.queueWaitP99Ms(),
                    r.freshChangeP50Ms(), r.freshChangeP99Ms(), r.freshChangeMaxMs(), r.freshChanges(),
                    r.heapUsedMb()));
        }
        return sb.toString().stripTrailing();
    }
}
