package ai.litellm.operator.eventlog;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

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
 *
 * <p>Why the JDK logger directly, not through slf4j: the operator's slf4j backend is the JDK logger by design
 * ({@code cli.Logging} installs its handler and formatters), and slf4j-jdk14 fills in every record's source class and
 * method by walking the whole stack ({@code new Throwable().getStackTrace()}), which no formatter of ours prints. At
 * one line per Model created that walk was 3 % of the operator's CPU in a 10,000-Model run (perf, docs/performance.md).
 * These lines name their logger as the source instead, and are formatted as slf4j formats ({@code {}}, a trailing
 * Throwable is the record's).
 */
public final class ReconcileLog {
    public static final String CONTROLLER = "controller";
    public static final String RECONCILE_ID = "reconcileId";

    private final java.util.logging.Logger logger;
    private final String loggerName;
    private final String controller;

    /**
     * @param logger the class's slf4j logger: its name names the JDK logger these lines go to
     * @param controller the controller's name, as its metrics' {@code controller} label says it (its topic)
     */
    public ReconcileLog(Logger logger, String controller) {
        this.loggerName = logger.getName();
        // Held here: the JDK keeps loggers weakly, and a collected one would come back without its configuration.
        this.logger = java.util.logging.Logger.getLogger(loggerName);
        this.controller = controller;
    }

    public void info(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.INFO, run, format, args);
    }

    public void warn(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.WARNING, run, format, args);
    }

    public void debug(ReconcileRequest<?> run, String format, Object... args) {
        log(Level.FINE, run, format, args);
    }

    private void log(Level level, ReconcileRequest<?> run, String format, Object[] args) {
        if (!logger.isLoggable(level)) {
            return;
        }
        FormattingTuple text = MessageFormatter.arrayFormat(format, args);
        LogRecord record = new LogRecord(level, text.getMessage());
        record.setLoggerName(loggerName);
        record.setSourceClassName(loggerName); // set, so the JDK infers no caller either (a stack walk of its own)
        record.setThrown(text.getThrowable());
        MDC.put(CONTROLLER, controller);
        MDC.put(RECONCILE_ID, Long.toString(run.reconcileId()));
        try {
            logger.log(record);
        } finally {
            MDC.remove(CONTROLLER);
            MDC.remove(RECONCILE_ID);
        }
    }
}
