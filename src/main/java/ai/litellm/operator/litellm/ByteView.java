package ai.litellm.operator.litellm;

import java.util.Arrays;

/**
 * Error text seen as UTF-8 bytes after one decoding (none, unescaping, percent- or base64-decoding). Each byte keeps
 * the span {@code [from, to)} of source characters it came from, so a match found in decoded bytes redacts the
 * encoded characters that carried it.
 */
final class ByteView {
    byte[] bytes = new byte[64];
    int[] from = new int[64];
    int[] to = new int[64];
    int length;

    void add(int b, int spanFrom, int spanTo) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, length * 2);
            from = Arrays.copyOf(from, length * 2);
            to = Arrays.copyOf(to, length * 2);
        }
        bytes[length] = (byte) b;
        from[length] = spanFrom;
        to[length] = spanTo;
        length++;
    }

    /** UTF-8 of one code point; a lone surrogate becomes {@code ?}, as {@link String#getBytes} does. */
    void addUtf8(int cp, int spanFrom, int spanTo) {
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            add('?', spanFrom, spanTo);
        } else if (cp < 0x80) {
            add(cp, spanFrom, spanTo);
        } else if (cp < 0x800) {
            add(0xC0 | cp >> 6, spanFrom, spanTo);
            add(0x80 | cp & 0x3F, spanFrom, spanTo);
        } else if (cp < 0x10000) {
            add(0xE0 | cp >> 12, spanFrom, spanTo);
            add(0x80 | cp >> 6 & 0x3F, spanFrom, spanTo);
            add(0x80 | cp & 0x3F, spanFrom, spanTo);
        } else {
            add(0xF0 | cp >> 18, spanFrom, spanTo);
            add(0x80 | cp >> 12 & 0x3F, spanFrom, spanTo);
            add(0x80 | cp >> 6 & 0x3F, spanFrom, spanTo);
            add(0x80 | cp & 0x3F, spanFrom, spanTo);
        }
    }

    /** The secret's own bytes, encoded by the same rules as the views. */
    static byte[] utf8(String s) {
        ByteView v = new ByteView();
        s.codePoints().forEach(cp -> v.addUtf8(cp, 0, 0));
        return Arrays.copyOf(v.bytes, v.length);
    }

    boolean contains(int b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return true;
            }
        }
        return false;
    }
}
