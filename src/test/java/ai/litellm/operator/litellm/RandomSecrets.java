package ai.litellm.operator.litellm;

import io.vertx.core.json.JsonObject;

import java.util.Random;

/** Random secrets over alphabets that stress every escaping: quotes, backslashes, newlines, unicode, JSON. */
final class RandomSecrets {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final String BASE64 = ALNUM + "+/=-_";
    private static final int[] NASTY = {'\'', '"', '\\', '\n', '\r', '\t', 0, 1, 0x1b, 0x7f, '{', '}', '[', ']', ':',
        ',', '%', '+', '/', '=', '&', ' ', 0xa0, 0xe9, 0xfc, 0x4e2d, 0x2028, 0xfeff, 0xe000, 0x1f600, 0x1f9d1, 0xe0001,
        'u', 'x', 'n', '0', '8', 'A', 'z'};
    private static final String[] SEPARATORS = {"", " ", "'", "\"", "=", ": ", ", ", "x", "Q", "/", "\n", "%", "+",
        "{'api_key': '", "\"api_key\": \"", "Bearer ", "api_key=", "(", "...", "<br>"};

    private RandomSecrets() {
    }

    static String secret(Random r) {
        int roll = r.nextInt(10);
        int length = roll < 5 ? 8 + r.nextInt(57) : roll < 8 ? 65 + r.nextInt(448) : 513 + r.nextInt(3584);
        return switch (r.nextInt(6)) {
            case 0 -> from(r, ALNUM, length);
            case 1 -> from(r, HEX, length);
            case 2 -> from(r, BASE64, length);
            case 3 -> printableAscii(r, length);
            case 4 -> nasty(r, length);
            default -> json(r, length);
        };
    }

    /** A secret with no {@code :} or {@code =}, so it cannot look like a key assignment, but every escaping hazard. */
    static String secretWithoutAssignments(Random r) {
        int length = 6 + r.nextInt(r.nextBoolean() ? 40 : 1000);
        int[] specials =
            {'\'', '"', '\\', '\n', '\t', 0x01, '{', '}', '%', '+', '/', ' ', 0xe9, 0x4e2d, 0x2028, 0x1f600};
        StringBuilder out = new StringBuilder(length);
        while (out.codePointCount(0, out.length()) < length) {
            out.appendCodePoint(r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)] : ALNUM.charAt(r.nextInt(62)));
        }
        return out.toString();
    }

    static String separator(Random r) {
        return SEPARATORS[r.nextInt(SEPARATORS.length)];
    }

    private static String from(Random r, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String printableAscii(Random r, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (0x20 + r.nextInt(95)));
        }
        return out.toString();
    }

    private static String nasty(Random r, int length) {
        StringBuilder out = new StringBuilder(length);
        while (out.codePointCount(0, out.length()) < length) {
            out.appendCodePoint(r.nextInt(3) == 0 ? NASTY[r.nextInt(NASTY.length)] : ALNUM.charAt(r.nextInt(62)));
        }
        return out.toString();
    }

    /** A JSON document like a credentials file, compact or pretty-printed, with escaped and raw specials. */
    private static String json(Random r, int length) {
        JsonObject doc = new JsonObject().put("type", "service_account");
        int i = 0;
        while (doc.encode().length() < length) {
            String value = r.nextBoolean() ? nasty(r, 4 + r.nextInt(60)) : from(r, BASE64, 8 + r.nextInt(120));
            doc.put("field_" + i++, value);
        }
        return r.nextBoolean() ? doc.encodePrettily() : doc.encode();
    }
}
