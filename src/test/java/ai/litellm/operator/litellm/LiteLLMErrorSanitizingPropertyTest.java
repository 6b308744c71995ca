package ai.litellm.operator.litellm;

import ai.litellm.operator.sandbox.fakelitellm.PythonRepr;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties of the message a LiteLLM error becomes: (1) whatever LiteLLM echoes, no run of {@value #FRAGMENT} code
 * points of a request secret survives, in any encoding of {@link SecretEncodings}, whole or as a fragment, in any of
 * the three envelopes, while the status, LiteLLM's error type and the ordinary text before it do; (2) LiteLLM's
 * ordinary messages survive word for word next to unrelated secrets; (3) exactly the encoded secret is removed and the
 * text around it stays. A seeded loop over {@link java.util.Random}, reproducible: a failure names its seed
 * ({@code -Dsanitizer.seed=N} replays that case of (1); {@code -Dsanitizer.runs=N} runs more). No property-testing
 * library: shrinking random bytes would not make a failure easier to read than the seed, the secret and the output
 * printed here, and a new dependency would buy nothing else.
 *
 * <p>Failed before the fix (commit 67b1914, i.e. b00a59c's exact-string {@code SecretScrubber}) on the first seed of
 * (1): a base64 fragment of a secret passed through; any escaped, base64'd, URL-encoded or partial echo did. (2)
 * failed too: LiteLLM's error type was not kept.
 */
class LiteLLMErrorSanitizingPropertyTest {
    /** Fragments this long must never survive (the client removes any run of 10 or more UTF-8 bytes of a secret). */
    static final int FRAGMENT = 10;
    private static final int RUNS = Integer.getInteger("sanitizer.runs", 400);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-05T10:00:00Z"), ZoneOffset.UTC);
    private static final String ORDINARY = "model_name is required";
    private static final int[] STATUSES = {400, 401, 403, 404, 422, 500, 503};

    @Test
    void noSecretFragmentSurvivesInAnyEncoding() {
        long base = Long.getLong("sanitizer.seed", 20250805L);
        int runs = Long.getLong("sanitizer.seed") == null ? RUNS : 1;
        for (int run = 0; run < runs; run++) {
            long seed = base + run;
            Case c = Case.random(new Random(seed));
            String out = c.sanitized();
            for (Embedded e : c.embedded) {
                String leak = e.leakIn(out);
                if (leak != null) {
                    fail("seed " + seed + ": " + e.encoding + " fragment of a " + e.secretLength
                        + "-char secret survived: " + leak + "\noutput: " + out);
                }
            }
            for (String secret : c.secrets) {
                String leak = Embedded.rawLeak(out, secret);
                if (leak != null) {
                    fail("seed " + seed + ": raw fragment survived: " + leak + "\noutput: " + out);
                }
            }
            assertTrue(out.contains("HTTP " + c.status), "seed " + seed + ": status kept: " + out);
            if (c.type != null) {
                assertTrue(out.contains(c.type), "seed " + seed + ": type kept: " + out);
            }
            if (c.breaker != null && !c.sharesAFragmentWithASecret(ORDINARY)) {
                assertTrue(out.contains(ORDINARY), "seed " + seed + ": ordinary text kept: " + out);
            }
        }
    }

    @Test
    void ordinaryMessagesSurviveWordForWord() {
        List<String> messages = List.of(ORDINARY, "Model with id=ns-a-1 not found in db",
            "Failed to add model to db. Check your server logs for more details.",
            "No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys",
            "Can't edit model. Model in config. Store model in db via `/model/new`. to edit.",
            "User does not have permission to make this model call. Your role=internal_user.");
        Random random = new Random(7);
        for (int run = 0; run < RUNS; run++) {
            Case c = Case.random(random);
            String text = messages.get(random.nextInt(messages.size()));
            if (c.sharesAFragmentWithASecret(text)) {
                continue;
            }
            String body = new JsonObject().put("error", new JsonObject().put("message", text).put("type", "auth_error")
                .put("param", "None").put("code", "400")).encode();
            String out = LiteLLMErrors.fromResponse(LiteLLMOperation.CREATE, 400, Buffer.buffer(body), null,
                new SecretScrubber(c.masterKey, c.request), CLOCK).getMessage();
            assertTrue(out.endsWith(": " + text), "run " + run + ": " + out);
            assertTrue(out.contains("auth_error") && out.contains("400"), out);
        }
    }

    @Test
    void exactlyTheEncodedSecretIsRemovedAndTheTextAroundItStays() {
        Random random = new Random(11);
        for (int run = 0; run < RUNS; run++) {
            String secret = RandomSecrets.secretWithoutAssignments(random);
            JsonObject request = new JsonObject().put("litellm_params", new JsonObject().put("api_key", secret));
            SecretEncodings encoding = SecretEncodings.values()[random.nextInt(SecretEncodings.values().length)];
            String text = "LiteLLM says|" + encoding.encode(secret) + "|to the operator";
            String body = new JsonObject().put("detail", text).encode();
            String out = LiteLLMErrors.fromResponse(LiteLLMOperation.PATCH, 400, Buffer.buffer(body), null,
                new SecretScrubber("sk-master-key-0", request), CLOCK).getMessage();
            String expected = "LiteLLM says|" + SecretScrubber.REDACTED + "|to the operator";
            if (text.length() > 300 - expected.length()) {
                assertTrue(out.startsWith("LiteLLM PATCH"), out);
            }
            assertTrue(out.endsWith(": " + expected), "run " + run + " " + encoding + " of "
                + SecretEncodings.JSON.encode(secret) + ": " + out);
        }
    }

    /** One random request, its secrets, and an error body echoing fragments of them. */
    static final class Case {
        final List<String> secrets = new ArrayList<>();
        final List<Embedded> embedded = new ArrayList<>();
        String masterKey;
        JsonObject request;
        int status;
        String type;
        String breaker;
        Buffer body;

        static Case random(Random r) {
            Case c = new Case();
            c.masterKey = RandomSecrets.secret(r);
            c.secrets.add(c.masterKey);
            JsonObject params = new JsonObject().put("model", "openai/gpt-4o");
            String[] keys = {"api_key", "vertex_credentials", "api_base", "aws_secret_access_key", "organization",
                "custom_header_value", "region_name"};
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                String s = RandomSecrets.secret(r);
                params.put(keys[r.nextInt(keys.length)] + "_" + i, s);
                c.secrets.add(s);
            }
            c.request = new JsonObject().put("model_name", "m").put("litellm_params", params)
                .put("model_info", new JsonObject().put("id", "ns-m-1"));
            // A character in no secret ends the ordinary text, so no run of a secret can extend into it.
            c.breaker = "|#~§¤".chars().filter(ch -> c.secrets.stream().noneMatch(s -> s.indexOf(ch) >= 0))
                .mapToObj(ch -> String.valueOf((char) ch)).findFirst().orElse(null);
            StringBuilder text = new StringBuilder(ORDINARY).append(c.breaker == null ? " " : c.breaker);
            int pieces = 1 + r.nextInt(4);
            for (int i = 0; i < pieces; i++) {
                Embedded e = Embedded.random(r, c.secrets.get(r.nextInt(c.secrets.size())));
                c.embedded.add(e);
                text.append(RandomSecrets.separator(r)).append(e.text).append(RandomSecrets.separator(r));
            }
            if (r.nextInt(4) == 0) {
                text.append(" {'model_name': 'm', 'litellm_params': ").append(PythonRepr.value(params)).append('}');
                c.secrets.stream().skip(1).forEach(s -> c.embedded.add(Embedded.whole(SecretEncodings.PYTHON_REPR, s)));
            }
            c.status = STATUSES[r.nextInt(STATUSES.length)];
            c.type = r.nextBoolean() ? "auth_error" : null;
            c.body = Buffer.buffer(envelope(r, text.toString(), c.status, c.type, c.request).encode());
            return c;
        }

        private static JsonObject envelope(Random r, String text, int status, String type, JsonObject request) {
            if (type != null) {
                return new JsonObject().put("error", new JsonObject().put("message", text).put("type", type)
                    .put("param", "None").put("code", Integer.toString(status)));
            }
            return switch (r.nextInt(3)) {
                case 0 -> new JsonObject().put("detail", text);
                case 1 -> new JsonObject().put("detail", new JsonObject().put("error", text));
                default -> new JsonObject().put("detail", new JsonArray().add(new JsonObject()
                    .put("type", "value_error").put("loc", new JsonArray().add("body").add("litellm_params")).put("msg", text)
                    .put("input", request)));
            };
        }

        String sanitized() {
            LiteLLMException e = LiteLLMErrors.fromResponse(LiteLLMOperation.CREATE, status, body, null,
                new SecretScrubber(masterKey, request), CLOCK);
            assertEquals(LiteLLMErrors.classify(LiteLLMOperation.CREATE, status, ""), e.kind());
            return e.getMessage();
        }

        boolean sharesAFragmentWithASecret(String text) {
            return secrets.stream().anyMatch(s -> Embedded.rawLeak(s, text) != null || s.contains(text));
        }
    }
}
