package ai.litellm.operator.sandbox.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An informer on the embedded server sees adds, updates (including server-side applies) and deletes. */
class EmbeddedApiServerInformerTest {

  @Test
  void informerSeesAddUpdateDelete() throws Exception {
    try (EmbeddedApiServer api = EmbeddedApiServer.start(EmbeddedApiServerOptions.defaults().withCrdsInstalled(true));
        KubernetesClient client = api.newClient()) {
      BlockingQueue<String> events = new LinkedBlockingQueue<>();
      SharedIndexInformer<Model> informer = client.resources(Model.class).inAnyNamespace()
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Model m) {
              events.add("ADD " + m.getMetadata().getName() + " " + m.getSpec().litellmParams.model);
            }

            @Override
            public void onUpdate(Model before, Model after) {
              events.add("UPDATE " + after.getMetadata().getName() + " " + after.getSpec().litellmParams.model);
            }

            @Override
            public void onDelete(Model m, boolean unknownFinalState) {
              events.add("DELETE " + m.getMetadata().getName());
            }
          });
      try {
        assertTrue(informer.hasSynced() || waitSynced(informer), "informer did not sync");
        client.resource(TestModels.model("inf", "watched", "openai/gpt-4o")).create();
        assertEquals("ADD watched openai/gpt-4o", events.poll(30, TimeUnit.SECONDS));

        client.resource(TestModels.model("inf", "watched", "openai/gpt-4.1")).forceConflicts().serverSideApply();
        assertEquals("UPDATE watched openai/gpt-4.1", events.poll(30, TimeUnit.SECONDS));

        client.resources(Model.class).inNamespace("inf").withName("watched").delete();
        assertEquals("DELETE watched", events.poll(30, TimeUnit.SECONDS));
      } finally {
        informer.close();
      }
    }
  }

  private static boolean waitSynced(SharedIndexInformer<Model> informer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (informer.hasSynced()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
