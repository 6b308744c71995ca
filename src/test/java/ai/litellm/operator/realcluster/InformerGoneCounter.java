package ai.litellm.operator.realcluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the watches of fabric8 informers on one namespace that ended with 410 Gone (the informer then lists again).
 * fabric8 reports them only at debug level ("Watch restarting due to http gone for &lt;path&gt;"), so this lowers its
 * Reflector's level while it runs; the console handlers keep their own INFO level and print nothing more.
 */
final class InformerGoneCounter extends Handler implements AutoCloseable {
  private static final String REFLECTOR = "io.fabric8.kubernetes.client.informers.impl.cache.Reflector";

  private final Logger reflector = Logger.getLogger(REFLECTOR); // held: JUL keeps loggers weakly
  private final Level previousLevel = reflector.getLevel();
  private final String namespacePath;
  private final AtomicInteger gone = new AtomicInteger();

  private InformerGoneCounter(String namespace) {
    this.namespacePath = "/namespaces/" + namespace + "/";
  }

  static InformerGoneCounter watch(String namespace) {
    InformerGoneCounter counter = new InformerGoneCounter(namespace);
    counter.reflector.setLevel(Level.FINE);
    counter.reflector.addHandler(counter);
    return counter;
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.contains("http gone") && message.contains(namespacePath)) {
      gone.incrementAndGet();
    }
  }

  int count() {
    return gone.get();
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    reflector.removeHandler(this);
    reflector.setLevel(previousLevel);
  }
}
