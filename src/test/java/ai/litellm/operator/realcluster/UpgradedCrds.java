package ai.litellm.operator.realcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A newer release of the chart's crds/ directory, as the next version of the operator would ship it: the Model CRD
 * with changes to fields Helm wrote at install time; the LiteLLMInstance CRD as it is.
 */
final class UpgradedCrds {
  private static final Path CHART_CRDS = Path.of("helm", "litellm-operator", "crds");

  private UpgradedCrds() {}

  /**
   * Writes the release into {@code dir}: spec.modelName described as {@code modelNameDescription}, an optional
   * spec.routingHint if {@code routingHint}, and the Connection printer column's description kept only if
   * {@code connectionDescribed}.
   */
  static Path write(Path dir, String modelNameDescription, boolean routingHint, boolean connectionDescribed)
      throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(CHART_CRDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
          crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
        if (crd.getSpec().getNames().getKind().equals("Model")) {
          JSONSchemaProps spec = spec(crd);
          spec.getProperties().get("modelName").setDescription(modelNameDescription);
          if (routingHint) {
            spec.getProperties().put("routingHint", new JSONSchemaPropsBuilder().withType("string")
                .withDescription("Routing preference of a newer operator version.").build());
          }
          if (!connectionDescribed) {
            connectionColumn(crd).setDescription(null);
          }
        }
        Files.writeString(dir.resolve(file.getFileName()), Serialization.asYaml(crd));
      }
    }
    return dir;
  }

  static JSONSchemaProps spec(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  static CustomResourceColumnDefinition connectionColumn(CustomResourceDefinition crd) {
    List<CustomResourceColumnDefinition> columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    return columns.stream().filter(c -> c.getName().equals("Connection")).findFirst()
        .orElseThrow(() -> new AssertionError("the Model CRD has no Connection column"));
  }
}
