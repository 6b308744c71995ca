package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Python {@code repr()} of the values LiteLLM stringifies into error messages: {@code str(dict)} of an
 * {@code HTTPException} detail (reference §1.2, {@code ProxyException.__init__} does {@code str(message)}) and
 * {@code str(e)} of exceptions that embed the request. Callers of the real proxy see these reprs, so the fake
 * reproduces CPython's rules exactly: a string is quoted with {@code '} unless it contains {@code '} and no {@code "};
 * backslash, the quote, {@code \n \r \t} are escaped; other non-printable code points become {@code \\xhh},
 * {@code \\u}hhhh or {@code \\U}hhhhhhhh; printable non-ASCII stays as it is.
 */
public final class PythonRepr {
    private PythonRepr() {
    }

    static String errorDict(String message) {
        return "{'error': " + string(message) + "}";
    }

    /** repr of a JSON value as Python holds it after {@code json.loads}: dict, list, str, int, float, bool, None. */
    public static String value(Object v) {
        StringBuilder out = new StringBuilder();
        append(out, v);
        return out.toString();
    }

    private static void append(StringBuilder out, Object v) {
        if (v == null) {
            out.append("None");
        } else if (v instanceof JsonObject o) {
            appendEntries(out, o.getMap().entrySet().iterator());
        } else if (v instanceof Map<?, ?> m) {
            appendEntries(out, m.entrySet().iterator());
        } else if (v instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, a.getValue(i));
            }
            out.append(']');
        } else if (v instanceof CharSequence s) {
            out.append(string(s.toString()));
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            out.append(pythonFloat(((Number) v).doubleValue()));
        } else {
            out.append(v);
        }
    }

    private static void appendEntries(StringBuilder out, Iterator<? extends Map.Entry<?, ?>> entries) {
        out.append('{');
        boolean first = true;
        while (entries.hasNext()) {
            Map.Entry<?, ?> e = entries.next();
            out.append(first ? "" : ", ");
            first = false;
            append(out, String.valueOf(e.getKey()));
            out.append(": ");
            append(out, e.getValue());
        }
        out.append('}');
    }

    public static String string(String s) {
        boolean useDouble = s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
        char quote = useDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append(quote);
                    } else if (isPrintable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x100) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** {@code str.isprintable()}: everything but Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the space. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** {@code repr(float)}: positional between 1e-4 and 1e16 (always with a fraction), else {@code 1.5e-05}. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal digits = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = digits.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String unscaled = digits.unscaledValue().abs().toString();
        int exponent = digits.precision() - digits.scale() - 1;
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
            + String.format("%02d", Math.abs(exponent));
    }
}
