package ai.litellm.operator.eventlog;

/**
 * Bounded metric label for a finished reconcile: controller-runtime's {@code result} values, plus permanent errors
 * and deferrals (a downstream could not take the call; not an error).
 */
public enum ReconcileOutcome {
    SUCCESS("success"),
    REQUEUE_AFTER("requeue_after"),
    ERROR("error"),
    PERMANENT_ERROR("permanent_error"),
    DEFERRED("deferred");

    private final String label;

    ReconcileOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isError() {
        return this == ERROR || this == PERMANENT_ERROR;
    }
}
