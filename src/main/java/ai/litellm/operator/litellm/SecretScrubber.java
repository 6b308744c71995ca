package ai.litellm.operator.litellm;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes server text safe to show (issue #12): removes every secret of one request, in every encoding LiteLLM or a
 * proxy may produce and in every long fragment, and drops echoed request structures. The secrets are the master key,
 * every string in the request's {@code litellm_params} (all of them: {@code vertex_credentials} holds a JSON document,
 * {@code api_base} may carry userinfo) and every value under a credential-like key anywhere in the request; a value
 * that is itself JSON contributes its strings too. Output is bounded; work is capped at {@link #MAX_SCAN} characters.
 */
final class SecretScrubber {
    static final String REDACTED = "<redacted>";
    /** Characters examined; the rest of a longer text is dropped (we show far less than this anyway). */
    static final int MAX_SCAN = 8192;
    /** Characters dropped before a cut, so no fragment of a secret is left hanging at the cut. */
    private static final int CUT_MARGIN = 64;

    private final String masterKey;
    private final JsonObject requestBody;
    private final Set<String> secrets = new LinkedHashSet<>();
    private SecretIndex index;

    /** Cheap: nothing is collected or indexed until an error is scrubbed (most calls succeed). */
    SecretScrubber(String masterKey, JsonObject requestBody) {
        this.masterKey = masterKey;
        this.requestBody = requestBody;
    }

    /** {@code text} without secrets or request echoes, at most {@code maxChars} long (plus an ellipsis). */
    String scrub(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // A second pass is a safety net: what is left around a removal must not join into a secret or a key=value.
        String out = redact(redact(text));
        return out.length() <= maxChars ? out : out.substring(0, safeEnd(out, maxChars)) + "…";
    }

    private String redact(String text) {
        boolean cut = text.length() > MAX_SCAN;
        String scanned = cut ? text.substring(0, MAX_SCAN) : text;
        BitSet redact = new BitSet(scanned.length());
        EchoSpans.mark(scanned, redact);
        SecretIndex idx = index();
        if (!idx.isEmpty()) {
            for (ByteView view : DecodedViews.of(scanned)) {
                idx.mark(view, redact);
            }
        }
        int end = cut ? safeEnd(scanned, scanned.length() - CUT_MARGIN) : scanned.length();
        StringBuilder out = new StringBuilder(end);
        int i = 0;
        while (i < end) {
            if (redact.get(i)) {
                out.append(REDACTED);
                i = redact.nextClearBit(i);
            } else {
                out.append(scanned.charAt(i++));
            }
        }
        return cut ? out.append("…").toString() : out.toString();
    }

    private SecretIndex index() {
        if (index == null) {
            addAll(masterKey);
            if (requestBody != null) {
                if (requestBody.getValue("litellm_params") instanceof JsonObject params) {
                    params.forEach(e -> addAll(e.getValue()));
                }
                addCredentialValues(requestBody);
            }
            index = new SecretIndex(secrets);
        }
        return index;
    }

    private static int safeEnd(CharSequence s, int end) {
        return end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) ? end - 1 : end;
    }

    /** Values under credential-like keys, at any depth of the request. */
    private void addCredentialValues(Object value) {
        if (value instanceof JsonObject obj) {
            obj.forEach(e -> {
                if (CredentialKeys.looksSecret(e.getKey())) {
                    addAll(e.getValue());
                }
                addCredentialValues(e.getValue());
            });
        } else if (value instanceof JsonArray arr) {
            arr.forEach(this::addCredentialValues);
        } else if (value instanceof Map<?, ?> map) {
            addCredentialValues(new JsonObject(castMap(map)));
        }
    }

    /** A string, its userinfo if it is a URL, and the strings inside it if it is JSON; all strings of a structure. */
    private void addAll(Object value) {
        if (value instanceof String s) {
            secrets.add(s);
            userInfo(s);
            String t = s.trim();
            if (t.startsWith("{") || t.startsWith("[")) {
                try {
                    addAll(Json.decodeValue(t));
                } catch (DecodeException notJson) {
                    // an ordinary string that starts with a bracket
                }
            }
        } else if (value instanceof JsonObject obj) {
            obj.forEach(e -> addAll(e.getValue()));
        } else if (value instanceof JsonArray arr) {
            arr.forEach(this::addAll);
        } else if (value instanceof Map<?, ?> map) {
            addAll(new JsonObject(castMap(map)));
        }
    }

    private void userInfo(String s) {
        if (!s.contains("://") || !s.contains("@")) {
            return;
        }
        try {
            String info = URI.create(s.trim()).getRawUserInfo();
            if (info != null) {
                secrets.add(info);
                int colon = info.indexOf(':');
                if (colon >= 0) {
                    secrets.add(info.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException notAUri) {
            // not a URI: the whole string is a secret already
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
