package ai.litellm.operator.litellm;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds echoed request structures without knowing any secret: LiteLLM's generic handler returns
 * {@code "Authentication Error, " + str(e)} (model_management_endpoints.py, {@code except Exception as e}), and
 * {@code str(e)} of a pydantic error or an f-string of the deployment shows the request as a Python repr or JSON
 * (reference §1.2). Whatever dict, object or call around a credential-like key ({@link CredentialKeys}) or
 * {@code litellm_params} is dropped whole; a value assigned to such a key outside any structure is dropped too. A
 * structure that never closes (a truncated echo) is dropped to the end of the text.
 */
final class EchoSpans {
    /**
     * {@code 'key':}, {@code "key":} (also JSON-escaped, with a backslash before the quotes), {@code key:} or
     * {@code key=}, where the key starts a word (after whitespace, a quote, an opening bracket, a comma or the start)
     * and is at most 40 characters, so runs of base64 or hex never read as keys; group 2 is the key, group 3 the
     * separator.
     */
    private static final Pattern KEY = Pattern.compile(
        "(?<![^\\s'\"{(\\[,;])\\\\?(['\"]?)([A-Za-z_][A-Za-z0-9_.\\-]{0,39})\\\\?\\1\\s*([:=])");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+(\\S+)");

    private EchoSpans() {
    }

    static void mark(String text, BitSet redact) {
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            if (!CredentialKeys.isRequestEcho(m.group(2))) {
                continue;
            }
            int open = enclosingOpen(text, m.start());
            if (open >= 0) {
                redact.set(open, closeOf(text, open) + 1);
            }
            int valueStart = m.end();
            while (valueStart < text.length() && (text.charAt(valueStart) == ' ' || text.charAt(valueStart) == '\t')) {
                valueStart++;
            }
            redact.set(valueStart, valueEnd(text, valueStart, m.group(3).equals("=")));
        }
        Matcher b = BEARER.matcher(text);
        while (b.find()) {
            redact.set(b.start(1), b.end(1));
        }
    }

    /** The nearest {@code {} or {@code (} enclosing {@code at}, skipping closed pairs on the way back; -1 if none. */
    private static int enclosingOpen(String text, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '}' || c == ')' || c == ']') {
                depth++;
            } else if (c == '{' || c == '(' || c == '[') {
                if (depth > 0) {
                    depth--;
                } else if (c != '[') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Index of the bracket closing the one at {@code open}, skipping quoted strings; the last index if none. */
    private static int closeOf(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2; // an escaped quote outside a string (JSON-escaped JSON) opens nothing
                continue;
            }
            if (c == '\'' || c == '"') {
                i = stringEnd(text, i);
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && --depth == 0) {
                return i;
            }
            i++;
        }
        return text.length() - 1;
    }

    /** Index after the quote closing the string that starts at {@code quoteAt} (backslash escapes honoured). */
    private static int stringEnd(String text, int quoteAt) {
        char quote = text.charAt(quoteAt);
        for (int i = quoteAt + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return text.length();
    }

    /**
     * End of the value after a key's separator: a quoted string or a bracketed structure; after {@code =} also a bare
     * token. A bare word after {@code :} is left alone: it is how prose and pydantic's "field: message" read.
     */
    private static int valueEnd(String text, int start, boolean assignment) {
        int i = start;
        if (i >= text.length()) {
            return i;
        }
        char c = text.charAt(i);
        if (c == '\'' || c == '"') {
            return stringEnd(text, i);
        }
        if (c == '{' || c == '(' || c == '[') {
            return closeOf(text, i) + 1;
        }
        if (!assignment) {
            return start;
        }
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ",;)}]'\"".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
