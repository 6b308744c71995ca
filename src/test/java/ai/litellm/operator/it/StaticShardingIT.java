package ai.litellm.operator.it;

import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.app.OperatorProcess;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.sharding.NamespaceHash;
import ai.litellm.operator.sharding.StaticSharding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Static sharding ({@code shardingMode=static}, shard 0 and 1 of 2) on the embedded API server: each namespace is
 * reconciled by exactly the replica {@code fnv1a64(ns) mod 2} names — its gate opens it, its caches hold its Models,
 * the other replica's hold none of them — including a namespace created after both started.
 */
class StaticShardingIT {
  private static final int COUNT = 2;
  private static final int MODELS_PER_NAMESPACE = 2;

  private static OperatorConfig config(int index) {
    OperatorConfig cfg = SandboxFixture.testConfig();
    cfg.shardingMode = "static";
    cfg.shardIndex = index;
    cfg.shardCount = COUNT;
    cfg.identity = "static-" + index;
    return cfg;
  }

  /** Computed here from the hash definition rather than through StaticShard, so the test checks the assignment. */
  private static int expectedShard(String ns) {
    return (int) Long.remainderUnsigned(NamespaceHash.fnv1a64(ns), COUNT);
  }

  @Test
  void everyNamespaceIsHandledByExactlyTheReplicaItsHashNames() {
    List<String> namespaces = IntStream.range(0, 10).mapToObj(i -> "static-team-" + i).toList();
    Set<Integer> shardsUsed = namespaces.stream().map(StaticShardingIT::expectedShard).collect(Collectors.toSet());
    assertEquals(Set.of(0, 1), shardsUsed, "the fixture must give both shards work");

    try (MultiReplicaSandbox sb = new MultiReplicaSandbox()) {
      for (String ns : namespaces) {
        SandboxFixture.namespace(sb.client, ns);
        fleet(sb, ns);
      }
      List<OperatorProcess> replicas = List.of(sb.startReplica(config(0)), sb.startReplica(config(1)));

      // A namespace that appears later is followed by the replica it hashes to.
      String late = "static-late";
      SandboxFixture.namespace(sb.client, late);
      fleet(sb, late);
      List<String> all = new ArrayList<>(namespaces);
      all.add(late);
      // Every cluster also has these (the embedded API server too): they are divided like any other namespace.
      List<String> cluster = new ArrayList<>(all);
      cluster.addAll(List.of("default", "kube-system"));

      eventually("each replica watches exactly its namespaces", Duration.ofMinutes(2),
          () -> IntStream.range(0, COUNT).allMatch(i -> watched(replicas.get(i)).equals(expected(cluster, i))),
          () -> "static-0 " + watched(replicas.get(0)) + ", static-1 " + watched(replicas.get(1)));
      eventually("all Models Ready", Duration.ofMinutes(3), () -> all.stream().allMatch(sb::allModelsReady));

      Set<String> seen = new HashSet<>();
      for (int i = 0; i < COUNT; i++) {
        OperatorProcess p = replicas.get(i);
        Set<String> mine = expected(all, i);
        var gate = p.operator().gate();
        assertTrue(gate.isActive(), "static shards are active without leader election");
        assertEquals(expected(cluster, i), new TreeSet<>(gate.openNamespaces()), "gate of static-" + i);
        for (String ns : all) {
          assertEquals(mine.contains(ns), gate.isOpen(ns), "static-" + i + " open(" + ns + ")");
        }
        // Its caches hold the Models of its namespaces and nothing else (the other shard's are never even seen).
        Set<String> cachedNs = p.operator().models().models().list().stream()
            .map(m -> m.getMetadata().getNamespace()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(mine, cachedNs, "namespaces of the Models cached by static-" + i);
        assertEquals(mine.size() * MODELS_PER_NAMESPACE, p.operator().models().models().list().size());
        for (String ns : mine) {
          assertTrue(seen.add(ns), ns + " handled by two replicas");
        }
      }
      assertEquals(new TreeSet<>(all), new TreeSet<>(seen), "every namespace handled by some replica");

      // Every Model made it to its own proxy exactly once.
      for (String ns : all) {
        var names = sb.proxies.proxy(ns, "proxy").models().stream().map(j -> j.getString("model_name")).toList();
        assertEquals(MODELS_PER_NAMESPACE, names.size(), ns + ": " + names);
        assertEquals(MODELS_PER_NAMESPACE, new HashSet<>(names).size(), ns + ": " + names);
      }
    }
  }

  private static void fleet(MultiReplicaSandbox sb, String ns) {
    sb.create(SandboxFixture.instance(ns, "proxy"));
    for (int m = 0; m < MODELS_PER_NAMESPACE; m++) {
      Model model = SandboxFixture.model(ns, "m" + m, "proxy", "openai/gpt-4o");
      sb.create(model);
    }
  }

  private static Set<String> expected(List<String> all, int index) {
    return all.stream().filter(ns -> expectedShard(ns) == index).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> watched(OperatorProcess p) {
    return new TreeSet<>(((StaticSharding) p.sharding()).watched());
  }
}
