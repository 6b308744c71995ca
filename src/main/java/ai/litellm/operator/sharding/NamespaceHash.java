package ai.litellm.operator.sharding;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit FNV-1a over UTF-8, the hash KEP-5866 (server-side sharded list/watch) applies to {@code metadata.namespace}:
 * using the same function keeps a later switch to server-side shard ranges a configuration change, not a reshuffle.
 */
public final class NamespaceHash {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private NamespaceHash() {}

  public static long fnv1a64(String s) {
    long h = OFFSET;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= PRIME;
    }
    return h;
  }

  /**
   * FNV-1a followed by a 64-bit finaliser (splitmix64). Ring points of one member differ only in a short suffix, and
   * raw FNV spreads such near-identical keys poorly over the circle; the finaliser restores the balance.
   */
  public static long mixed(String s) {
    long z = fnv1a64(s);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
