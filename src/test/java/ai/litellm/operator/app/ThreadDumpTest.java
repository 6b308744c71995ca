package ai.litellm.operator.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dump a hung stop logs names every thread, its state, the lock it waits on and its whole stack. */
class ThreadDumpTest {
  @Test
  void namesAWaitingThreadItsLockAndItsWholeStack() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(1);
    Thread stuck = new Thread(() -> deep(40, waiting, release), "stuck-stopper");
    stuck.start();
    try {
      waiting.await(10, TimeUnit.SECONDS);
      Thread.sleep(100);
      String dump = ThreadDump.all();
      String mine = dump.substring(dump.indexOf("\"stuck-stopper\""));
      mine = mine.substring(0, mine.indexOf("\n\"") < 0 ? mine.length() : mine.indexOf("\n\""));
      assertTrue(mine.startsWith("\"stuck-stopper\" WAITING on java.util.concurrent.CountDownLatch"), mine);
      long frames = mine.lines().filter(l -> l.contains("ThreadDumpTest.deep")).count();
      assertTrue(frames >= 40, "the whole stack, not the first 8 frames: " + frames);
      assertTrue(dump.contains("\"main\"") || dump.contains(Thread.currentThread().getName()), "every thread");
    } finally {
      release.countDown();
      stuck.join(10_000);
    }
  }

  private static void deep(int depth, CountDownLatch waiting, CountDownLatch release) {
    if (depth > 0) {
      deep(depth - 1, waiting, release);
      return;
    }
    waiting.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
