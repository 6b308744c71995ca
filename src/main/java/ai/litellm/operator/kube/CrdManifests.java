package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The CRD manifests, read from the jar (they are copied there from helm/litellm-operator/crds by the build). */
public final class CrdManifests {
  public static final List<String> FILES = List.of("litellminstances.litellm.litellm.ai.yaml",
      "models.litellm.litellm.ai.yaml", "credentials.litellm.litellm.ai.yaml");

  private CrdManifests() {}

  /** Every CRD as one multi-document YAML stream. */
  public static String yaml() {
    StringBuilder out = new StringBuilder();
    for (String f : FILES) {
      out.append("---\n").append(manifest(f));
    }
    return out.toString();
  }

  public static List<CustomResourceDefinition> definitions() {
    List<CustomResourceDefinition> out = new ArrayList<>();
    for (String f : FILES) {
      out.add(Serialization.unmarshal(manifest(f), CustomResourceDefinition.class));
    }
    return out;
  }

  /**
   * Creates or updates both CRDs as shipped (server-side apply, taking over fields another manager owns) and waits
   * until each is Established: what the sandbox and the benchmarks do on a fresh control plane. Blocking.
   */
  public static void install(KubernetesClient client, Duration timeout) {
    List<CustomResourceDefinition> crds = definitions();
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
    }
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(CrdManifests::established, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The text of one of {@link #FILES}, as shipped. */
  public static String manifest(String file) {
    try (InputStream in = CrdManifests.class.getResourceAsStream("/crds/" + file)) {
      if (in == null) {
        throw new IllegalStateException("CRD resource /crds/" + file + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the API server reports the CRD Established. A freshly created CRD has a status without conditions for a
   * moment: that is "not yet", not an error.
   */
  public static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
