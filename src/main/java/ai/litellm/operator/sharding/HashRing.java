package ai.litellm.operator.sharding;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent-hash ring of members with {@code virtualNodes} points each. A namespace belongs to the member of the
 * first point at or after its hash (wrapping). Adding or removing one member of N moves only the namespaces of the
 * arcs it gains or loses, about 1/N of them; the virtual nodes keep the arcs even. Immutable and pure: every replica
 * that sees the same members computes the same owners.
 */
public final class HashRing {
  private final TreeMap<Long, String> points = new TreeMap<>();
  private final Set<String> members;

  public HashRing(Collection<String> members, int virtualNodes) {
    if (virtualNodes < 1) {
      throw new IllegalArgumentException("virtualNodes must be >= 1");
    }
    this.members = Set.copyOf(new TreeSet<>(members));
    // Sorted insertion: on the (astronomically rare) collision of two points the same member wins on every replica.
    for (String m : new TreeSet<>(members)) {
      for (int v = 0; v < virtualNodes; v++) {
        points.putIfAbsent(NamespaceHash.mixed(m + "#" + v), m);
      }
    }
  }

  /** The member owning {@code namespace}, or null when the ring is empty. */
  public String ownerOf(String namespace) {
    if (points.isEmpty()) {
      return null;
    }
    Map.Entry<Long, String> e = points.ceilingEntry(NamespaceHash.mixed(namespace));
    return (e != null ? e : points.firstEntry()).getValue();
  }

  public Set<String> members() {
    return members;
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** Owners of several namespaces (for tests and the skew report). */
  public Map<String, String> assign(List<String> namespaces) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    namespaces.forEach(ns -> out.put(ns, ownerOf(ns)));
    return out;
  }
}
