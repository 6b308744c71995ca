package ai.litellm.operator.eventlog;

/**
 * What a {@link KeyHandler} is asked to reconcile.
 *
 * @param attempt          1 for the first try after a change, n+1 after n consecutive failures
 * @param freshChange      true when a new object, a generation change or a deletion triggered this run (as opposed to a
 *                         resync, a requeue or a status-only update)
 * @param latestGeneration the highest {@code metadata.generation} the log has seen for the key
 */
public record ReconcileRequest(String key, String namespace, String name, int attempt, boolean freshChange,
                               long latestGeneration) {
}
