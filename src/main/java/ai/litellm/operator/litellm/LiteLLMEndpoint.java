package ai.litellm.operator.litellm;

import java.util.Objects;

/**
 * Where one LiteLLM proxy listens and the master key to manage it with. {@code baseUrl} may carry a path prefix
 * (e.g. behind an ingress); a trailing slash is dropped. {@link #toString()} never prints the key.
 */
public record LiteLLMEndpoint(String baseUrl, String masterKey) {

    public LiteLLMEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(masterKey, "masterKey");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("baseUrl must start with http:// or https://: " + baseUrl);
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** Absolute URL of an API path such as {@code /model/new}. */
    public String url(String path) {
        return baseUrl + path;
    }

    @Override
    public String toString() {
        return "LiteLLMEndpoint[baseUrl=" + baseUrl + ", masterKey=<redacted>]";
    }
}
