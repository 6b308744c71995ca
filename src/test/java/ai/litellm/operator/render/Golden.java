package ai.litellm.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-for-byte comparison with files under src/test/resources/golden. Run with {@code -Dgolden.update=true} to
 * rewrite them after an intended change, then review the diff.
 */
public final class Golden {
  static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static void assertMatches(String fileName, String actual) {
    Path file = DIR.resolve(fileName);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dgolden.update=true");
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from golden file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
