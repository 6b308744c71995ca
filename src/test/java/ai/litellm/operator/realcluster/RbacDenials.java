package ai.litellm.operator.realcluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log line of this JVM (operator, fabric8 informers, event recorder) that reports an RBAC denial for one
 * ServiceAccount. Counting HTTP 403s is not enough: the API server also answers 403 for writes into a terminating
 * namespace, which is not a missing permission; RBAC denials name the user ("User \"system:serviceaccount:ns:name\"
 * cannot patch resource ...").
 */
final class RbacDenials extends Handler {
  private final String needle;
  private final List<String> denials = new CopyOnWriteArrayList<>();

  private RbacDenials(String namespace, String serviceAccount) {
    this.needle = "system:serviceaccount:" + namespace + ":" + serviceAccount + "\" cannot";
  }

  /** Starts collecting from the root logger; {@link #close()} stops. */
  static RbacDenials watch(String namespace, String serviceAccount) {
    RbacDenials handler = new RbacDenials(namespace, serviceAccount);
    Logger.getLogger("").addHandler(handler);
    return handler;
  }

  @Override
  public void publish(LogRecord record) {
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      check(t.getMessage());
    }
    check(record.getMessage());
  }

  private void check(String text) {
    if (text != null && text.contains(needle)) {
      int at = text.indexOf(needle);
      denials.add(text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 200)));
    }
  }

  /** Whether {@code text} reports a denial for the watched ServiceAccount (lets a test prove the detector works). */
  boolean isDenial(String text) {
    return text != null && text.contains(needle);
  }

  List<String> denials() {
    return List.copyOf(denials);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
