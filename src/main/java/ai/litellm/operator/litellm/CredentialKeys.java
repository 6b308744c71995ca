package ai.litellm.operator.litellm;

import java.util.Locale;

/** Which field names hold credentials, wherever they appear: in a request we send or in an echo of it. */
final class CredentialKeys {
    private CredentialKeys() {
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("key") || k.contains("secret") || k.contains("password") || k.contains("passwd")
            || k.contains("credential") || k.contains("authorization") || k.equals("token")
            || (k.endsWith("_token") || k.endsWith("-token")) && !k.endsWith("per_token");
    }

    /** A key whose value is the request's parameters: an echo of it is dropped whole. */
    static boolean isRequestEcho(String key) {
        return looksSecret(key) || key.equals("litellm_params");
    }
}
