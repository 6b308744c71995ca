package ai.litellm.operator.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {
  private static final List<String> NAMESPACES = IntStream.range(0, 5000).mapToObj(i -> "team-" + i).toList();

  @Test
  void sameMembersGiveSameOwnersWhateverTheOrder() {
    HashRing a = new HashRing(List.of("r0", "r1", "r2"), 100);
    HashRing b = new HashRing(List.of("r2", "r0", "r1"), 100);
    assertEquals(a.assign(NAMESPACES), b.assign(NAMESPACES));
  }

  @Test
  void emptyRingOwnsNothingAndOneMemberOwnsAll() {
    assertNull(new HashRing(List.of(), 100).ownerOf("x"));
    HashRing one = new HashRing(List.of("solo"), 100);
    assertTrue(NAMESPACES.stream().allMatch(ns -> "solo".equals(one.ownerOf(ns))));
  }

  @Test
  void virtualNodesKeepTheSkewSmall() {
    for (int n : new int[] {2, 3, 4, 8}) {
      List<String> members = IntStream.range(0, n).mapToObj(i -> "litellm-operator-" + i).toList();
      Map<String, Integer> counts = counts(new HashRing(members, 100));
      double mean = NAMESPACES.size() / (double) n;
      int max = counts.values().stream().max(Integer::compare).orElseThrow();
      int min = counts.values().stream().min(Integer::compare).orElseThrow();
      assertEquals(n, counts.size(), "every member owns something");
      assertTrue(max / mean < 1.35, n + " members: max " + max + " vs mean " + mean);
      assertTrue(min / mean > 0.65, n + " members: min " + min + " vs mean " + mean);
    }
  }

  @Test
  void addingAMemberMovesOnlyItsShareAndOnlyToIt() {
    HashRing two = new HashRing(List.of("r0", "r1"), 100);
    HashRing three = new HashRing(List.of("r0", "r1", "r2"), 100);
    int moved = 0;
    for (String ns : NAMESPACES) {
      String before = two.ownerOf(ns);
      String after = three.ownerOf(ns);
      if (!before.equals(after)) {
        moved++;
        assertEquals("r2", after, ns + " moved between survivors");
      }
    }
    double share = moved / (double) NAMESPACES.size();
    assertTrue(share > 0.2 && share < 0.45, "moved " + share + " of the namespaces (ideal 1/3)");
  }

  @Test
  void removingAMemberMovesOnlyItsNamespaces() {
    HashRing three = new HashRing(List.of("r0", "r1", "r2"), 100);
    HashRing two = new HashRing(List.of("r0", "r2"), 100);
    for (String ns : NAMESPACES) {
      if (!"r1".equals(three.ownerOf(ns))) {
        assertEquals(three.ownerOf(ns), two.ownerOf(ns), ns);
      }
    }
  }

  @Test
  void staticShardsPartitionTheNamespaces() {
    int count = 4;
    Map<Integer, Integer> perShard = new HashMap<>();
    for (String ns : NAMESPACES) {
      int owners = 0;
      for (int i = 0; i < count; i++) {
        if (new StaticShard(i, count).owns(ns)) {
          owners++;
          perShard.merge(i, 1, Integer::sum);
        }
      }
      assertEquals(1, owners, ns);
    }
    perShard.values().forEach(c -> assertTrue(c > NAMESPACES.size() / count * 0.8, perShard.toString()));
  }

  @Test
  void fnvMatchesTheReferenceVectors() {
    // FNV-1a 64 test vectors (draft-eastlake-fnv): "" and "a".
    assertEquals(0xcbf29ce484222325L, NamespaceHash.fnv1a64(""));
    assertEquals(0xaf63dc4c8601ec8cL, NamespaceHash.fnv1a64("a"));
  }

  private static Map<String, Integer> counts(HashRing ring) {
    Map<String, Integer> c = new HashMap<>();
    NAMESPACES.forEach(ns -> c.merge(ring.ownerOf(ns), 1, Integer::sum));
    return c;
  }
}
