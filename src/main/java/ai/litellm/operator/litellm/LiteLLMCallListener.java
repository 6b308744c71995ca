package ai.litellm.operator.litellm;

/**
 * Observes every call the client completes, for metrics. Arguments are bounded: an operation and an outcome that is
 * {@code "ok"} or a {@link LiteLLMException.Kind} name. Runs on the event loop: must not block.
 */
@FunctionalInterface
public interface LiteLLMCallListener {
    LiteLLMCallListener NONE = (operation, outcome, durationNanos) -> { };

    void onCall(LiteLLMOperation operation, String outcome, long durationNanos);
}
