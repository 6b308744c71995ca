package ai.litellm.operator.sandbox.realcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast tier: binary lookup follows the same cache layout and overrides as provision.sh. */
class ControlPlaneBinariesTest {

  @TempDir Path tmp;

  @Test
  void cacheDirDefaultsToXdgCacheHomeThenHome() {
    assertEquals(Path.of("/x/litellm-operator/control-plane/v1.20.2/bin"),
        new ControlPlaneBinaries(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).cacheBinDir());
    assertEquals(Path.of("/h/.cache/litellm-operator/control-plane/v1.20.2/bin"),
        new ControlPlaneBinaries(Map.of("HOME", "/h")).cacheBinDir());
    assertEquals(Path.of("/c/v1.20.2/bin"),
        new ControlPlaneBinaries(Map.of("LITELLM_CP_CACHE", "/c", "HOME", "/h")).cacheBinDir());
  }

  @Test
  void cachedBinariesCountOnlyWhenTheBuildCompleted() throws IOException {
    ControlPlaneBinaries lookup = new ControlPlaneBinaries(Map.of("LITELLM_CP_CACHE", tmp.toString()));
    Path bin = lookup.cacheBinDir();
    fakeBinaries(bin);
    assertEquals(Optional.empty(), lookup.findBinDir(Optional.empty()));

    Files.createFile(bin.resolve(ControlPlaneBinaries.COMPLETE_MARKER));
    assertEquals(Optional.of(bin), lookup.findBinDir(Optional.empty()));
  }

  @Test
  void explicitAndEnvironmentBinDirsWinOverTheCache() throws IOException {
    Path custom = tmp.resolve("custom");
    fakeBinaries(custom);
    ControlPlaneBinaries lookup =
        new ControlPlaneBinaries(Map.of("LITELLM_CP_CACHE", tmp.resolve("empty").toString(),
            "LITELLM_CP_BIN_DIR", custom.toString()));
    assertEquals(Optional.of(custom), lookup.findBinDir(Optional.empty()));
    assertEquals(Optional.empty(), lookup.findBinDir(Optional.of(tmp.resolve("nowhere"))));
  }

  @Test
  void etcdOverrideMustBeExecutable() throws IOException {
    Path etcd = tmp.resolve("etcd");
    Files.createFile(etcd);
    ControlPlaneBinaries lookup = new ControlPlaneBinaries(Map.of("LITELLM_CP_ETCD", etcd.toString()));
    assertTrue(lookup.findEtcd(Optional.empty()).isEmpty());
    Files.setPosixFilePermissions(etcd, PosixFilePermissions.fromString("rwx------"));
    assertEquals(Optional.of(etcd), lookup.findEtcd(Optional.empty()));
  }

  private static void fakeBinaries(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : new String[] {ControlPlaneBinaries.KUBE_APISERVER, ControlPlaneBinaries.KUBE_CONTROLLER_MANAGER}) {
      Path file = Files.createFile(dir.resolve(name));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
