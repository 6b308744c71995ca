package ai.litellm.operator.api;

/**
 * One copy of each short string that decoded objects keep repeating, found through a small direct-mapped table.
 *
 * <p>Jackson builds a new String for every value it reads, so 10,000 cached Models held 10,000 copies of "True",
 * "Synced", their namespace's name, the proxy's URL, their conditions' messages and every timestamp of the same
 * second: a heap dump of a converged 10k fleet found 17 MB of its 70 MB live heap in duplicate strings (issue #15,
 * docs/performance.md). Reading through {@link #share} gives equal values one instance.
 *
 * <p>The table is a fixed array indexed by the string's hash: a lookup is one array read and one {@code equals}, a
 * miss overwrites the slot. Values seen once (uids, resource versions) pass through and evict a slot now and then,
 * which only costs the next reader of the evicted value one more copy; nothing is ever cleared, locked or allocated.
 * Racing writers are harmless: a String is immutable and safely published through its final fields, so a reader sees
 * either the old or the new entry, and both are correct answers. Long strings pass through untouched: they are rarely
 * repeated and comparing them costs more.
 */
public final class SharedStrings {
  /** Longer strings are not shared. Condition messages and URLs fit; certificates and JSON blobs do not. */
  static final int MAX_LENGTH = 256;
  /**
   * Slots in the table (a power of two): 64 KB of references, and whatever strings they keep alive (up to 16,384 of at
   * most 256 characters, about 1 MB when most are uids and resource versions that also live in the caches).
   */
  static final int SLOTS = 1 << 14;

  private final String[] slots = new String[SLOTS];

  /** {@code value}, or an equal string this table handed out before. */
  public String share(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return value;
    }
    int h = value.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String seen = slots[slot];
    if (value.equals(seen)) {
      return seen;
    }
    slots[slot] = value;
    return value;
  }
}
