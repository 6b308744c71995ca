package ai.litellm.operator.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's chart, linted and rendered by helm's own Go code (helm-java, in the JVM): the same engine as
 * `helm lint` / `helm template`, so template errors, schema violations and Kubernetes-version gates show up here.
 */
final class HelmChart {
  static final Path DIR = Path.of("helm", "litellm-operator");
  static final String RELEASE = "ops";
  static final String NAMESPACE = "litellm-system";
  /** The real-cluster tier's API server version; templates gate API versions (PodDisruptionBudget) on it. */
  static final String KUBE_VERSION = "v1.20.2";

  /** Every optional feature that needs no shipped file: ServiceMonitor, PDB, watched namespaces, ring sharding. */
  static final String FEATURES_ON = """
      replicaCount: 3
      sharding: {mode: ring}
      watchNamespaces: [team-a, team-b]
      serviceMonitor: {enabled: true, labels: {release: prometheus}}
      podDisruptionBudget: {enabled: true}
      """;
  /** The features built from files copied into the chart (alert rules, Grafana dashboards). */
  static final String RUNBOOKS = "https://git.example.com/platform/litellm-operator/blob/v0.1.0/docs/runbooks.md";
  static final String FILE_FEATURES_ON = """
      prometheusRule: {enabled: true, runbookBaseUrl: "https://git.example.com/platform/litellm-operator/blob/v0.1.0/docs/runbooks.md"}
      dashboards: {enabled: true}
      """;

  private HelmChart() {}

  static LintResult lintStrict() {
    return new Helm(DIR).lint().strict().call();
  }

  static RenderedChart renderDefaults() {
    return render("{}");
  }

  /** Renders with the chart defaults overridden by {@code valuesYaml} (as `-f values.yaml`), CRDs left out. */
  static RenderedChart render(String valuesYaml) {
    return render(valuesYaml, KUBE_VERSION);
  }

  static RenderedChart render(String valuesYaml, String kubeVersion) {
    return render(DIR, valuesYaml, kubeVersion);
  }

  static RenderedChart render(Path chartDir, String valuesYaml, String kubeVersion) {
    Path values = null;
    try {
      values = Files.createTempFile("litellm-operator-values", ".yaml");
      Files.writeString(values, valuesYaml);
      String manifest = new Helm(chartDir).template()
          .withName(RELEASE)
          .withNamespace(NAMESPACE)
          .withKubeVersion(kubeVersion)
          .withValuesFile(values)
          .skipCrds()
          .call();
      return RenderedChart.parse(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (values != null) {
        values.toFile().delete();
      }
    }
  }
}
