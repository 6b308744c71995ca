package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The objects of one `helm template` run, typed by fabric8 (kinds it does not know stay generic). */
final class RenderedChart {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  final String manifest;
  final List<HasMetadata> objects;

  private RenderedChart(String manifest, List<HasMetadata> objects) {
    this.manifest = manifest;
    this.objects = objects;
  }

  static RenderedChart parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : DOCUMENT_SEPARATOR.split(manifest)) {
      if (isBlankOrComments(doc)) {
        continue;
      }
      KubernetesResource parsed = SERIALIZATION.unmarshal(doc, KubernetesResource.class);
      objects.add((HasMetadata) parsed);
    }
    return new RenderedChart(manifest, List.copyOf(objects));
  }

  private static boolean isBlankOrComments(String doc) {
    return doc.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
  }

  Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add(o.getKind()));
    return kinds;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<HasMetadata> allOfKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  /** The only object of that type; fails when there are none or several. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    assertEquals(1, found.size(), () -> "expected one " + type.getSimpleName() + " in:\n" + manifest);
    return found.get(0);
  }

  HasMetadata oneOfKind(String kind) {
    List<HasMetadata> found = allOfKind(kind);
    assertEquals(1, found.size(), () -> "expected one " + kind + " in:\n" + manifest);
    return found.get(0);
  }
}
