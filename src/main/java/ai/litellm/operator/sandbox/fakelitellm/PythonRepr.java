package ai.litellm.operator.sandbox.fakelitellm;

/**
 * Python {@code repr()} of the small dicts LiteLLM stringifies into error messages, e.g.
 * {@code {'error': 'Model with id=x not found in db'}}. Callers of the real proxy see these reprs, so the fake
 * reproduces Python's quoting rule: single quotes unless the text contains a single quote and no double quote.
 */
final class PythonRepr {
    private PythonRepr() {
    }

    static String errorDict(String message) {
        return "{'error': " + string(message) + "}";
    }

    static String string(String s) {
        boolean useDouble = s.indexOf('\'') >= 0 && s.indexOf('"') < 0;
        char quote = useDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }
}
