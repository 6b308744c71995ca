package ai.litellm.operator.sandbox.fakelitellm;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code user_api_key_auth} for the management routes (reference §1.1): the key comes from {@code x-litellm-api-key}
 * first, then {@code Authorization}, then the provider-style headers. The master key is proxy_admin; configured
 * non-admin {@code sk-} keys authenticate as internal users; everything else is a 401 {@code auth_error}.
 */
final class FakeAuth implements Handler<RoutingContext> {
    static final String ROLE = "fake.litellm.role";
    static final String ADMIN = "proxy_admin";
    static final String INTERNAL_USER = "internal_user";

    private final FakeLiteLLMOptions options;

    FakeAuth(FakeLiteLLMOptions options) {
        this.options = options;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String key = apiKey(ctx.request());
        if (key == null || key.isEmpty()) {
            ProxyErrors.proxy(ctx, 401, "Authentication Error, No api key passed in.", "auth_error", "None");
            return;
        }
        if (key.equals(options.masterKey())) {
            ctx.put(ROLE, ADMIN);
            ctx.next();
            return;
        }
        if (!key.startsWith("sk-")) {
            ProxyErrors.proxy(ctx, 401, "Authentication Error, LiteLLM Virtual Key expected. Received=" + abbreviate(key)
                + ", expected to start with 'sk-'.", "auth_error", "None");
            return;
        }
        if (options.nonAdminKeys().contains(key)) {
            ctx.put(ROLE, INTERNAL_USER);
            ctx.next();
            return;
        }
        ProxyErrors.proxy(ctx, 401, "Authentication Error, Invalid proxy server token passed. Received API Key = "
            + abbreviate(key) + ", Unable to find token in cache or `LiteLLM_VerificationTokenTable`", "auth_error", "None");
    }

    static boolean isAdmin(RoutingContext ctx) {
        return ADMIN.equals(ctx.get(ROLE));
    }

    static String apiKey(HttpServerRequest request) {
        String litellm = request.getHeader("x-litellm-api-key");
        if (litellm != null && !litellm.isBlank()) {
            return stripScheme(litellm.trim(), true);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return stripScheme(authorization.trim(), false);
        }
        for (String header : new String[] {"API-Key", "x-api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key"}) {
            String v = request.getHeader(header);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** Authorization accepts "Bearer", "bearer" and "Basic"; any other scheme gives an empty key. */
    private static String stripScheme(String value, boolean bareAllowed) {
        for (String scheme : new String[] {"Bearer ", "bearer ", "Basic "}) {
            if (value.startsWith(scheme)) {
                return value.substring(scheme.length()).trim();
            }
        }
        return bareAllowed ? value : "";
    }

    /** The proxy echoes keys as "sk-...abcd"; never the whole key. */
    static String abbreviate(String key) {
        if (key.length() <= 8) {
            return "***";
        }
        return key.substring(0, 3) + "..." + key.substring(key.length() - 4);
    }
}
