package ai.litellm.operator.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/crd-reference.md lists every field of every CRD exactly as the CRDs define them. After a CRD change, regenerate
 * the tables: {@code mvn -o test -Dtest=CrdReferenceDocTest -Dcrd.reference.update=true}.
 */
class CrdReferenceDocTest {
  private static final Path DOC = Path.of("docs", "crd-reference.md");

  @ParameterizedTest
  @ValueSource(strings = {"litellminstances.litellm.litellm.ai", "models.litellm.litellm.ai",
      "credentials.litellm.litellm.ai"})
  void fieldTableMatchesTheCrd(String crd) throws IOException {
    String expected = CrdReferenceTables.table(HelmChart.DIR.resolve("crds").resolve(crd + ".yaml"));
    String begin = "<!-- BEGIN GENERATED FIELDS " + crd + " -->\n";
    String end = "<!-- END GENERATED FIELDS " + crd + " -->";
    String doc = Files.readString(DOC);
    Matcher m = Pattern.compile(Pattern.quote(begin) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/crd-reference.md has no generated section for " + crd);
    if (Boolean.getBoolean("crd.reference.update")) {
      Files.writeString(DOC, doc.substring(0, m.start(1)) + expected + doc.substring(m.end(1)));
      return;
    }
    assertEquals(expected, m.group(1), "docs/crd-reference.md is stale for " + crd
        + "; regenerate with -Dcrd.reference.update=true");
  }
}
