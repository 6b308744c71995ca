package ai.litellm.operator.eventlog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The topic's front door: consumes {@code eventlog.<topic>.in} and routes each event to the partition that owns its
 * key. It runs nothing else, so producers (informer threads) only ever pay for an event-bus send.
 */
final class Ingress extends VerticleBase {

    private final String address;
    private final Partition<?>[] partitions;
    private MessageConsumer<ResourceEvent> consumer;

    Ingress(String address, Partition<?>[] partitions) {
        this.address = address;
        this.partitions = partitions;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().localConsumer(address, msg -> route(msg.body()));
        return consumer.completion();
    }

    private void route(ResourceEvent e) {
        partitions[Partitioner.partition(e.key(), partitions.length)].offer(e);
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
