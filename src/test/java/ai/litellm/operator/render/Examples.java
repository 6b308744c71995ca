package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads docs/examples as fresh objects, with the uids the API server would have assigned. */
final class Examples {
  static final Path DIR = Path.of("docs", "examples");
  static final String INSTANCE_UID = "7f0c8a52-3d1e-4b7a-9c55-2a1f0e6b9d01";
  static final String MODEL_UID = "c3b1f7a4-8e2d-4f60-a9b3-5d7e1c2f4a88";
  static final String MASTER_KEY = "sk-golden-master-key";
  static final String SALT_KEY = "sk-golden-salt-key";
  static final OperatorSettings SETTINGS =
      new OperatorSettings(new GatewayParentRef("public-gateway", "gateway-system", "https"), "nginx");

  private Examples() {}

  static List<HasMetadata> load(String file) {
    try {
      return Manifests.parse(file, Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LiteLLMInstance instance() {
    LiteLLMInstance instance = (LiteLLMInstance) load("litellm-instance.yaml").get(0);
    instance.getMetadata().setUid(INSTANCE_UID);
    return instance;
  }

  static Model model(String file) {
    Model model = (Model) load(file).get(0);
    model.getMetadata().setUid(MODEL_UID);
    return model;
  }

  static Map<String, Secret> secrets() {
    Map<String, Secret> out = new TreeMap<>();
    for (HasMetadata doc : load("secrets.yaml")) {
      out.put(doc.getMetadata().getName(), (Secret) doc);
    }
    return out;
  }

  static Map<String, SecretSnapshot> snapshots() {
    Map<String, SecretSnapshot> out = new TreeMap<>();
    secrets().forEach((name, secret) -> out.put(name, SecretData.snapshot(secret)));
    return out;
  }

  static ResolvedInstanceInputs inputs() {
    return new ResolvedInstanceInputs(MASTER_KEY, SALT_KEY, snapshots(), SETTINGS);
  }
}
