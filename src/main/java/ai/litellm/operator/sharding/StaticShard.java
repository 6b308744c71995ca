package ai.litellm.operator.sharding;

/**
 * Fixed assignment: shard {@code index} of {@code count} owns the namespaces whose FNV-1a hash modulo {@code count} is
 * {@code index}. No coordination: the deployment guarantees one live replica per index (StatefulSet ordinals, or
 * leader election per index).
 */
public record StaticShard(int index, int count) {
  public StaticShard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard index " + index + " must be in [0, " + count + ")");
    }
  }

  public boolean owns(String namespace) {
    return Long.remainderUnsigned(NamespaceHash.fnv1a64(namespace), count) == index;
  }
}
