package ai.litellm.operator.litellm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The readings of an error text in which a secret may hide (issue #12): as is; with backslash escapes undone once
 * and twice (JSON and Python repr escapes, e.g. a repr of a JSON string: reference §1.2, ProxyException's
 * {@code str(message)}); percent-decoded (with {@code +} as space and as itself); and every base64 run (standard or
 * URL-safe alphabet, padded or not) decoded at each of its four alignments. Decoding composes the source spans, so
 * a match in any reading maps back to the characters to remove.
 */
final class DecodedViews {
    /** Shorter base64 runs cannot carry a secret worth finding (6 bytes need 8 characters). */
    private static final int MIN_BASE64_RUN = 8;

    private DecodedViews() {
    }

    static List<ByteView> of(String text) {
        List<ByteView> views = new ArrayList<>();
        CodePoints raw = CodePoints.of(text);
        ByteView rawBytes = raw.utf8();
        views.add(rawBytes);
        CodePoints unescaped = raw;
        for (int level = 0; level < 2 && unescaped.contains('\\'); level++) {
            unescaped = unescaped.unescape();
            views.add(unescaped.utf8());
        }
        if (rawBytes.contains('%')) {
            views.add(percentDecode(rawBytes, true));
            views.add(percentDecode(rawBytes, false));
        } else if (rawBytes.contains('+')) {
            views.add(percentDecode(rawBytes, true));
        }
        base64Runs(raw, views);
        return views;
    }

    private static ByteView percentDecode(ByteView in, boolean plusIsSpace) {
        ByteView out = new ByteView();
        for (int i = 0; i < in.length; i++) {
            int b = in.bytes[i];
            if (b == '%' && i + 2 < in.length && hex(in.bytes[i + 1]) >= 0 && hex(in.bytes[i + 2]) >= 0) {
                out.add(hex(in.bytes[i + 1]) << 4 | hex(in.bytes[i + 2]), in.from[i], in.to[i + 2]);
                i += 2;
            } else {
                out.add(b == '+' && plusIsSpace ? ' ' : b, in.from[i], in.to[i]);
            }
        }
        return out;
    }

    /** One view per run and alignment, so no window spans two runs. */
    private static void base64Runs(CodePoints text, List<ByteView> views) {
        int i = 0;
        while (i < text.n) {
            if (base64Value(text.cps[i]) < 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.n && base64Value(text.cps[i]) >= 0) {
                i++;
            }
            int end = i;
            while (i < text.n && text.cps[i] == '=') {
                i++;
            }
            if (end - start >= MIN_BASE64_RUN) {
                for (int align = 0; align < 4 && end - start - align >= MIN_BASE64_RUN; align++) {
                    views.add(decodeBase64(text, start + align, end, i));
                }
            }
        }
    }

    /** Groups of four characters give three bytes; a trailing group of two or three gives one or two. */
    private static ByteView decodeBase64(CodePoints text, int start, int end, int paddingEnd) {
        ByteView out = new ByteView();
        for (int g = start; g + 1 < end; g += 4) {
            int last = Math.min(g + 4, end);
            int spanTo = last == end ? text.to[paddingEnd - 1] : text.to[last - 1];
            int spanFrom = text.from[g];
            int v0 = base64Value(text.cps[g]);
            int v1 = base64Value(text.cps[g + 1]);
            out.add(v0 << 2 | v1 >> 4, spanFrom, spanTo);
            if (g + 2 < last) {
                int v2 = base64Value(text.cps[g + 2]);
                out.add((v1 & 0xF) << 4 | v2 >> 2, spanFrom, spanTo);
                if (g + 3 < last) {
                    out.add((v2 & 0x3) << 6 | base64Value(text.cps[g + 3]), spanFrom, spanTo);
                }
            }
        }
        return out;
    }

    /** Both alphabets at once: {@code +} and {@code -} are 62, {@code /} and {@code _} are 63. */
    private static int base64Value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Code points with source spans. */
    private static final class CodePoints {
        int[] cps = new int[64];
        int[] from = new int[64];
        int[] to = new int[64];
        int n;

        static CodePoints of(String text) {
            CodePoints out = new CodePoints();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                out.add(cp, i, next);
                i = next;
            }
            return out;
        }

        void add(int cp, int spanFrom, int spanTo) {
            if (n == cps.length) {
                cps = Arrays.copyOf(cps, n * 2);
                from = Arrays.copyOf(from, n * 2);
                to = Arrays.copyOf(to, n * 2);
            }
            // A \\u escape of a low surrogate right after one of a high surrogate is one code point.
            if (n > 0 && Character.isLowSurrogate((char) cp) && cp <= 0xFFFF
                && Character.isHighSurrogate((char) cps[n - 1]) && cps[n - 1] <= 0xFFFF) {
                cps[n - 1] = Character.toCodePoint((char) cps[n - 1], (char) cp);
                to[n - 1] = spanTo;
                return;
            }
            cps[n] = cp;
            from[n] = spanFrom;
            to[n] = spanTo;
            n++;
        }

        boolean contains(int cp) {
            for (int i = 0; i < n; i++) {
                if (cps[i] == cp) {
                    return true;
                }
            }
            return false;
        }

        ByteView utf8() {
            ByteView out = new ByteView();
            for (int i = 0; i < n; i++) {
                out.addUtf8(cps[i], from[i], to[i]);
            }
            return out;
        }

        /**
         * JSON and Python escapes: {@code \\ \' \" \/ \n \r \t \b \f \v \a}, {@code \x}hh, {@code \\u}hhhh,
         * {@code \U}hhhhhhhh; an unknown escape keeps its backslash.
         */
        CodePoints unescape() {
            CodePoints out = new CodePoints();
            int i = 0;
            while (i < n) {
                if (cps[i] != '\\' || i + 1 >= n) {
                    out.add(cps[i], from[i], to[i]);
                    i++;
                    continue;
                }
                int c = cps[i + 1];
                int simple = simpleEscape(c);
                int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
                long value = digits > 0 && i + 1 + digits < n ? hexValue(i + 2, digits) : -1;
                if (simple >= 0) {
                    out.add(simple, from[i], to[i + 1]);
                    i += 2;
                } else if (value >= 0 && value <= Character.MAX_CODE_POINT) {
                    out.add((int) value, from[i], to[i + 1 + digits]);
                    i += 2 + digits;
                } else {
                    out.add('\\', from[i], to[i]);
                    i++;
                }
            }
            return out;
        }

        private long hexValue(int at, int count) {
            long v = 0;
            for (int k = 0; k < count; k++) {
                int d = cps[at + k] < 0x80 ? hex(cps[at + k]) : -1;
                if (d < 0) {
                    return -1;
                }
                v = v << 4 | d;
            }
            return v;
        }

        private static int simpleEscape(int c) {
            return switch (c) {
                case '\\', '\'', '"', '/' -> c;
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> 0x0B;
                case 'a' -> 0x07;
                default -> -1;
            };
        }
    }
}
