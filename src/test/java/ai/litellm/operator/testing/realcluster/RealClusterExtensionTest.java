package ai.litellm.operator.testing.realcluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/** Fast tier: the skip-versus-fail rule and log location of {@link RealClusterExtension}, without a cluster. */
class RealClusterExtensionTest {

  @Test
  void missingBinariesSkipOutsideCiWithProvisionHint() {
    RealClusterExtension extension = new RealClusterExtension(Map.of());
    TestAbortedException skipped =
        assertThrows(TestAbortedException.class, () -> extension.requireBinaries(getClass(), false));
    assertTrue(skipped.getMessage().contains(RealClusterExtension.PROVISION_HINT), skipped.getMessage());
  }

  @Test
  void missingBinariesFailWhenCiIsTrue() {
    RealClusterExtension extension = new RealClusterExtension(Map.of("CI", "true"));
    ExtensionConfigurationException failed =
        assertThrows(ExtensionConfigurationException.class, () -> extension.requireBinaries(getClass(), false));
    assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
    assertTrue(failed.getMessage().contains(RealClusterExtension.PROVISION_HINT), failed.getMessage());
  }

  @Test
  void ciOtherThanTrueStillSkips() {
    RealClusterExtension extension = new RealClusterExtension(Map.of("CI", "false"));
    assertThrows(TestAbortedException.class, () -> extension.requireBinaries(getClass(), false));
  }

  @Test
  void presentBinariesNeitherSkipNorFail() {
    RealClusterExtension extension = new RealClusterExtension(Map.of("CI", "true"));
    assertDoesNotThrow(() -> extension.requireBinaries(getClass(), true));
  }

  @Test
  void logsAreKeptPerTestClassUnderTarget() {
    Path target = RealClusterExtension.logsTarget(RealClusterExtensionTest.class);
    assertEquals(Path.of("target", "real-cluster-logs", "RealClusterExtensionTest"),
        target.getParent().getParent().getParent().relativize(target));
  }
}
