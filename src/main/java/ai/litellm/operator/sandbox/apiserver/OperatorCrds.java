package ai.litellm.operator.sandbox.apiserver;

import ai.litellm.operator.kube.CrdManifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's CRD manifests as YAML text. They are packaged into the jar under {@code crds/} from
 * {@code helm/litellm-operator/crds/}; when the classpath lacks them (a test run before resources are processed), the
 * chart directory under the working directory is read instead.
 */
final class OperatorCrds {
  static final List<String> FILES = CrdManifests.FILES;
  private static final Path CHART_CRDS = Path.of("helm", "litellm-operator", "crds");

  private OperatorCrds() {}

  static List<String> manifests() {
    List<String> out = new ArrayList<>();
    for (String file : FILES) {
      out.add(read(file));
    }
    return out;
  }

  private static String read(String file) {
    try (InputStream in = OperatorCrds.class.getClassLoader().getResourceAsStream("crds/" + file)) {
      if (in != null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path onDisk = CHART_CRDS.resolve(file);
      if (Files.isRegularFile(onDisk)) {
        return Files.readString(onDisk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD " + file, e);
    }
    throw new IllegalStateException("CRD " + file + " is neither on the classpath (crds/" + file + ") nor at "
        + CHART_CRDS.resolve(file).toAbsolutePath());
  }
}
