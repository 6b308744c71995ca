package ai.litellm.operator.render;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the renderer may know about a referenced Secret: that it exists, which keys it has, and a version (its
 * resourceVersion or a digest of its data) that changes whenever its content does. Never its values.
 */
public record SecretSnapshot(String version, SortedSet<String> keys) {
  public SecretSnapshot {
    if (version == null) {
      throw new IllegalArgumentException("version is required");
    }
    keys = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(keys == null ? Set.of() : keys));
  }

  public static SecretSnapshot of(String version, Set<String> keys) {
    return new SecretSnapshot(version, new TreeSet<>(keys));
  }
}
