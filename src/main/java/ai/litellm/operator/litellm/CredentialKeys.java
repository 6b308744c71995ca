package ai.litellm.operator.litellm;

/** Which field names hold credentials, wherever they appear: in a request we send or in an echo of it. */
final class CredentialKeys {
    private CredentialKeys() {
    }

    /** The one definition ({@link ai.litellm.operator.render.CredentialKeys}). */
    static boolean looksSecret(String key) {
        return ai.litellm.operator.render.CredentialKeys.isCredential(key);
    }

    /** A key whose value is the request's parameters: an echo of it is dropped whole. */
    static boolean isRequestEcho(String key) {
        return looksSecret(key) || key.equals("litellm_params");
    }
}
