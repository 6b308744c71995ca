package ai.litellm.operator.litellm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Every run of {@link #WINDOW} UTF-8 bytes of every secret, as 64-bit rolling hashes in a sorted array, plus whole
 * secrets shorter than that. Finding all runs of all secrets in a text is then one pass per view: a rolling hash and a
 * binary search per byte, O(text × log(total secret size)), however many and however long the secrets are. A hash
 * collision can only redact too much, never too little.
 */
final class SecretIndex {
    /** Any run of a secret this long (in UTF-8 bytes) is removed: long enough not to hit ordinary words. */
    static final int WINDOW = 10;
    /** Shorter values are not secrets worth the false hits (one-word params such as {@code gpt-4o} are 6). */
    static final int MIN_SECRET = 6;
    private static final long BASE = 0x100000001B3L;

    /** Window length → sorted hashes of the runs (or whole short secrets) of that length. */
    private final TreeMap<Integer, long[]> byLength = new TreeMap<>();

    SecretIndex(Collection<String> secrets) {
        TreeMap<Integer, List<Long>> collected = new TreeMap<>();
        for (String secret : secrets) {
            byte[] b = ByteView.utf8(secret);
            if (b.length < MIN_SECRET) {
                continue;
            }
            int w = Math.min(WINDOW, b.length);
            List<Long> hashes = collected.computeIfAbsent(w, k -> new ArrayList<>());
            long pow = power(w);
            long h = 0;
            for (int i = 0; i < b.length; i++) {
                h = h * BASE + (b[i] & 0xFF);
                if (i >= w) {
                    h -= (b[i - w] & 0xFF) * pow * BASE;
                }
                if (i >= w - 1) {
                    hashes.add(h);
                }
            }
        }
        collected.forEach((w, hashes) -> {
            long[] sorted = hashes.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
            byLength.put(w, sorted);
        });
    }

    boolean isEmpty() {
        return byLength.isEmpty();
    }

    /** Sets in {@code redact} the source characters of every window of {@code view} that is a secret run. */
    void mark(ByteView view, BitSet redact) {
        byLength.forEach((w, hashes) -> {
            if (view.length < w) {
                return;
            }
            long pow = power(w);
            long h = 0;
            for (int i = 0; i < view.length; i++) {
                h = h * BASE + (view.bytes[i] & 0xFF);
                if (i >= w) {
                    h -= (view.bytes[i - w] & 0xFF) * pow * BASE;
                }
                if (i >= w - 1 && Arrays.binarySearch(hashes, h) >= 0) {
                    redact.set(view.from[i - w + 1], view.to[i]);
                }
            }
        });
    }

    /** BASE^(w-1), the weight of the byte leaving the window. */
    private static long power(int w) {
        long p = 1;
        for (int i = 1; i < w; i++) {
            p *= BASE;
        }
        return p;
    }
}
