package ai.litellm.operator.bench;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.LiteLLMParams;
import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fleet's objects: namespaces {@code bench-<i>}, one LiteLLMInstance "proxy" each, Models spread round-robin. */
final class ModelFleetObjects {
  static final String INSTANCE = "proxy";
  static final String PROVIDER_MODEL = "openai/gpt-4o-mini";

  private ModelFleetObjects() {}

  static String namespace(int i) {
    return "bench-" + i;
  }

  static List<Namespace> namespaces(int count) {
    List<Namespace> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(namespace(namespace(i)));
    }
    return out;
  }

  static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  static List<LiteLLMInstance> instances(int namespaces) {
    List<LiteLLMInstance> out = new ArrayList<>(namespaces);
    for (int i = 0; i < namespaces; i++) {
      LiteLLMInstance inst = new LiteLLMInstance();
      inst.setMetadata(new ObjectMetaBuilder().withNamespace(namespace(i)).withName(INSTANCE).build());
      // Known in advance, so the bench can start each instance's fake proxy before a separate operator process runs.
      inst.getSpec().masterKey = masterKey(namespace(i));
      out.add(inst);
    }
    return out;
  }

  static String masterKey(String namespace) {
    return "sk-bench-" + namespace;
  }

  /** Model {@code i} of the fleet, in namespace {@code i % namespaces}. */
  static List<Model> models(int count, int namespaces) {
    List<Model> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(model(namespace(i % namespaces), i, INSTANCE));
    }
    return out;
  }

  static Model model(String ns, int i, String instance) {
    String name = String.format(Locale.ROOT, "m-%06d", i);
    Model m = new Model();
    m.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    m.getSpec().modelName = "bench-" + name;
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(null, instance);
    m.getSpec().litellmParams = new LiteLLMParams();
    m.getSpec().litellmParams.model = PROVIDER_MODEL;
    return m;
  }
}
