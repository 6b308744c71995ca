package ai.litellm.operator.eventlog;

import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * The log lines of reconciles: each carries the controller and the {@link ReconcileRequest#reconcileId() reconcile id}
 * of the run that logs it, as the slf4j MDC entries {@value #CONTROLLER} and {@value #RECONCILE_ID} (fields of
 * {@code --log-format json}), so every line of one run, its failure included, can be told apart from the key's other
 * runs. The key itself stays in the message ("Model namespace/name: ..."), where plain text shows it.
 *
 * <p>Why explicit, not implicit: Vert.x carries no MDC across asynchronous callbacks. A reconcile's steps resume on
 * whatever context completes their futures (the Kubernetes bridge, a downstream limiter handing a slot over from
 * another key's call), so an id kept in a thread local or a context local would be lost or, worse, be another run's.
 * The run is passed to each log call instead; the MDC entries live only for that one synchronous call.
 */
public final class ReconcileLog {
    public static final String CONTROLLER = "controller";
    public static final String RECONCILE_ID = "reconcileId";

    private final Logger logger;
    private final String controller;

    /** @param controller the controller's name, as its metrics' {@code controller} label says it (its topic) */
    public ReconcileLog(Logger logger, String controller) {
        this.logger = logger;
        this.controller = controller;
    }

    public void info(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.INFO, run, format, args);
    }

    public void warn(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.WARN, run, format, args);
    }

    public void debug(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.DEBUG, run, format, args);
    }

    private void log(Level level, ReconcileRequest<?> run, String format, Object[] args) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        MDC.put(CONTROLLER, controller);
        MDC.put(RECONCILE_ID, Long.toString(run.reconcileId()));
        try {
            switch (level) {
                case WARN -> logger.warn(format, args);
                case INFO -> logger.info(format, args);
                default -> logger.debug(format, args);
            }
        } finally {
            MDC.remove(CONTROLLER);
            MDC.remove(RECONCILE_ID);
        }
    }
}
