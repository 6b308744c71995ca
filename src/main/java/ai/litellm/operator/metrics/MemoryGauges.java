package ai.litellm.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * {@code litellm_operator_memory_entries{holder}}: how many entries each per-object or per-peer memory of the operator
 * holds (keys of the event log, Secret reads, per-namespace Secret informers, per-proxy limiters, own writes not yet
 * seen). Each must follow the cluster down as well as up; a holder that only grows is a leak (bench churn). The holder
 * names are a fixed set.
 */
public final class MemoryGauges {
  private MemoryGauges() {}

  public static void register(MeterRegistry registry, Map<String, IntSupplier> holders) {
    holders.forEach((holder, size) -> Gauge.builder("litellm_operator_memory_entries", size, s -> s.getAsInt())
        .description("Entries of one of the operator's memories (per object or per peer); it must shrink with the "
            + "cluster").tag("holder", holder).strongReference(true).register(registry));
  }
}
