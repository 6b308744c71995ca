package ai.litellm.operator.eventlog;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Local-only codec: the event bus passes the (immutable) record by reference, no serialisation. The log is local to
 * one JVM; cross-replica distribution is done by sharding namespaces, not by a clustered event bus.
 */
final class ResourceEventCodec implements MessageCodec<ResourceEvent, ResourceEvent> {

    static final String NAME = "eventlog.ResourceEvent";

    /** Registers the codec once per Vert.x instance; later calls (more topics) are no-ops. */
    static void registerOn(Vertx vertx) {
        try {
            vertx.eventBus().registerDefaultCodec(ResourceEvent.class, new ResourceEventCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // another topic on the same Vert.x registered it first
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, ResourceEvent event) {
        throw new UnsupportedOperationException("ResourceEvent is local-only");
    }

    @Override
    public ResourceEvent decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException("ResourceEvent is local-only");
    }

    @Override
    public ResourceEvent transform(ResourceEvent event) {
        return event;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
