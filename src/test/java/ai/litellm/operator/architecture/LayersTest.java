package ai.litellm.operator.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layers only point down: every import of a project class under src/main names a package of the same or a lower layer
 * (docs/architecture.md, "Layers"), and sibling packages of one layer (the two controllers) do not import each other.
 */
class LayersTest {
  /** Lowest first. A package may import its own layer's package and anything listed before it. */
  static final List<String> LAYERS = List.of("api", "render", "eventlog", "litellm", "kube", "metrics", "config",
      "sharding", "controller", "app", "sandbox", "bench", "cli");

  private static final Path MAIN = Path.of("src/main/java/ai/litellm/operator");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?ai\\.litellm\\.operator\\.([a-z]+)(?:\\.([a-z]+))?",
      Pattern.MULTILINE);

  @Test
  void everyLayerIsListedOnceAndInTheArchitectureDoc() throws IOException {
    List<String> packages;
    try (Stream<Path> dirs = Files.list(MAIN)) {
      packages = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(packages, LAYERS.stream().sorted().toList(), "every top-level package has a layer");
    String doc = Files.readString(Path.of("docs/architecture.md"));
    assertTrue(doc.contains(String.join(" → ", LAYERS.stream().map(l -> "`" + l + "`").toList())),
        "docs/architecture.md states the layer order as " + String.join(" → ", LAYERS));
  }

  @Test
  void importsOnlyPointDown() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path rel = MAIN.relativize(file);
        String layer = rel.getName(0).toString();
        String sub = rel.getNameCount() > 2 ? rel.getName(1).toString() : null;
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1);
          String targetSub = m.group(2);
          int from = LAYERS.indexOf(layer);
          int to = LAYERS.indexOf(target);
          if (to > from) {
            violations.add(rel + " imports " + target + " (layer " + to + " above " + from + ")");
          } else if (to == from && layer.equals("controller") && sub != null && targetSub != null
              && !sub.equals(targetSub)) {
            violations.add(rel + " imports the sibling controller." + targetSub);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
