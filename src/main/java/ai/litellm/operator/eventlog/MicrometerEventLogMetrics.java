package ai.litellm.operator.eventlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Exports the log with controller-runtime's metric names (so kubebuilder-style dashboards work) plus the operator's
 * own: {@code workqueue_*{name,controller}}, {@code controller_runtime_*{controller}},
 * {@code litellm_operator_partition_lag{topic,partition}}, {@code litellm_operator_queue_oldest_item_age_seconds} and
 * {@code litellm_operator_rate_limiter_wait_seconds{limiter}}. Labels are topic, partition number, result and limiter
 * class: all bounded.
 */
public final class MicrometerEventLogMetrics implements EventLogMetrics {

    private final MeterRegistry registry;
    private final String controller;
    private final Map<String, TopicMeters> topics = new ConcurrentHashMap<>();
    private final Map<String, Timer> limiterWaits = new ConcurrentHashMap<>();
    private final Map<String, Counter> limiterDeferrals = new ConcurrentHashMap<>();

    public MicrometerEventLogMetrics(MeterRegistry registry, String controllerName) {
        this.registry = registry;
        this.controller = controllerName;
    }

    /** Meters of one topic, looked up once instead of per event. */
    private final class TopicMeters {
        final Counter adds;
        final Counter retries;
        final Timer queueWait;
        final Timer work;
        final Timer reconcileTime;
        final Counter errors;
        final Counter terminalErrors;
        final Map<ReconcileOutcome, Counter> results = new EnumMap<>(ReconcileOutcome.class);
        final List<Meter> gauges = new ArrayList<>();

        TopicMeters(String topic) {
            Tags wq = Tags.of("name", topic, "controller", controller);
            Tags ctl = Tags.of("controller", controller);
            adds = Counter.builder("workqueue.adds").description("Total number of adds handled by workqueue")
                    .tags(wq).register(registry);
            retries = Counter.builder("workqueue.retries").description("Total number of retries handled by workqueue")
                    .tags(wq).register(registry);
            queueWait = Timer.builder("workqueue.queue.duration")
                    .description("How long an item stays in workqueue before being requested")
                    .tags(wq).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
            work = Timer.builder("workqueue.work.duration").description("How long processing an item takes")
                    .tags(wq).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry);
            reconcileTime = Timer.builder("controller.runtime.reconcile.time")
                    .description("Length of time per reconciliation per controller")
                    .tags(ctl).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
            errors = Counter.builder("controller.runtime.reconcile.errors")
                    .description("Total number of reconciliation errors per controller").tags(ctl).register(registry);
            terminalErrors = Counter.builder("controller.runtime.terminal.reconcile.errors")
                    .description("Total number of terminal reconciliation errors per controller").tags(ctl)
                    .register(registry);
            for (ReconcileOutcome o : ReconcileOutcome.values()) {
                // controller-runtime counts a terminal error as result="error" plus terminal_reconcile_errors_total;
                // doing the same keeps "rate by result" panels and error-ratio alerts of existing dashboards right.
                String result = o == ReconcileOutcome.PERMANENT_ERROR ? ReconcileOutcome.ERROR.label() : o.label();
                results.put(o, Counter.builder("controller.runtime.reconcile")
                        .description("Total number of reconciliations per controller")
                        .tags(ctl).tag("result", result).register(registry));
            }
        }
    }

    @Override
    public void topicStarted(TopicStats stats) {
        TopicMeters m = meters(stats.topic());
        Tags wq = Tags.of("name", stats.topic(), "controller", controller);
        Tags ctl = Tags.of("controller", controller);
        m.gauges.add(Gauge.builder("workqueue.depth", stats, TopicStats::depth)
                .description("Current depth of workqueue").tags(wq).strongReference(true).register(registry));
        m.gauges.add(Gauge.builder("workqueue.unfinished.work", stats, TopicStats::unfinishedWorkSeconds)
                .description("Seconds of work in progress not yet observed by work_duration").baseUnit("seconds")
                .tags(wq).strongReference(true).register(registry));
        m.gauges.add(Gauge.builder("workqueue.longest.running.processor", stats, TopicStats::longestRunningSeconds)
                .description("Seconds the longest running processor has been running").baseUnit("seconds")
                .tags(wq).strongReference(true).register(registry));
        // A worker is a permit in use: a reconcile that waits for a downstream without its permit is not one.
        m.gauges.add(Gauge.builder("controller.runtime.active.workers", stats,
                        s -> s.inFlight() - s.waitingDownstream())
                .description("Number of currently used workers per controller").tags(ctl).strongReference(true)
                .register(registry));
        m.gauges.add(Gauge.builder("controller.runtime.max.concurrent.reconciles", stats, TopicStats::maxConcurrency)
                .description("Maximum number of concurrent reconciles per controller").tags(ctl).strongReference(true)
                .register(registry));
        m.gauges.add(Gauge.builder("litellm.operator.queue.oldest.item.age", stats, TopicStats::oldestItemAgeSeconds)
                .description("Age of the oldest key waiting to be reconciled").baseUnit("seconds")
                .tags(Tags.of("topic", stats.topic())).strongReference(true).register(registry));
        m.gauges.add(Gauge.builder("litellm.operator.queue.delayed", stats, TopicStats::delayed)
                .description("Keys waiting for a retry backoff, a deferral or a requeue delay")
                .tags(Tags.of("topic", stats.topic())).strongReference(true).register(registry));
        m.gauges.add(Gauge.builder("litellm.operator.queue.waiting.downstream", stats, TopicStats::waitingDownstream)
                .description("Reconciles in flight that gave their permit back while they wait for a downstream")
                .tags(Tags.of("topic", stats.topic())).strongReference(true).register(registry));
        for (int p = 0; p < stats.partitions(); p++) {
            final int partition = p;
            m.gauges.add(Gauge.builder("litellm.operator.partition.lag", stats, s -> s.lag(partition))
                    .description("Log end offset minus committed offset of a partition")
                    .tags(Tags.of("topic", stats.topic(), "partition", Integer.toString(p)))
                    .strongReference(true).register(registry));
        }
    }

    @Override
    public void topicStopped(String topic) {
        TopicMeters m = topics.get(topic);
        if (m != null) {
            for (Meter g : m.gauges) {
                registry.remove(g);
            }
            m.gauges.clear();
        }
    }

    @Override
    public void eventAdded(String topic) {
        meters(topic).adds.increment();
    }

    @Override
    public void retryScheduled(String topic) {
        meters(topic).retries.increment();
    }

    @Override
    public void queueWait(String topic, long nanos) {
        meters(topic).queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void reconciled(String topic, ReconcileOutcome outcome, long nanos) {
        TopicMeters m = meters(topic);
        m.work.record(nanos, TimeUnit.NANOSECONDS);
        m.reconcileTime.record(nanos, TimeUnit.NANOSECONDS);
        m.results.get(outcome).increment();
        if (outcome.isError()) {
            m.errors.increment();
        }
        if (outcome == ReconcileOutcome.PERMANENT_ERROR) {
            m.terminalErrors.increment();
        }
    }

    @Override
    public void rateLimiterWait(String limiterClass, long nanos) {
        limiterWaits.computeIfAbsent(limiterClass, l -> Timer.builder("litellm.operator.rate.limiter.wait")
                .description("Time a downstream call waited for a rate-limit token and a concurrency permit")
                .tag("limiter", l).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void downstreamDeferred(String limiterClass, String reason) {
        limiterDeferrals.computeIfAbsent(limiterClass + "/" + reason, k -> Counter
                .builder("litellm.operator.rate.limiter.deferred")
                .description("Calls a downstream could not take (paused by its Retry-After, or its wait queue full); "
                        + "their reconciles were deferred")
                .tag("limiter", limiterClass).tag("reason", reason).register(registry)).increment();
    }

    private TopicMeters meters(String topic) {
        return topics.computeIfAbsent(topic, TopicMeters::new);
    }
}
