package ai.litellm.operator.render;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What the operator stores in LiteLLM for one Credential.
 *
 * @param name the credential_name
 * @param values credential_values: secrets; never log them (the accessor returns a copy)
 * @param info credential_info, with the ownership marker; no secrets
 * @param hash SHA-256 hex over name, values, info and the connection identity; publish it only keyed
 */
public record CredentialPayload(String name, JsonObject values, JsonObject info, String hash) {

  @Override
  public JsonObject values() {
    return values.copy();
  }

  @Override
  public JsonObject info() {
    return info.copy();
  }

  public Set<String> valueKeys() {
    return Set.copyOf(values.fieldNames());
  }

  /** The body of POST /credentials and of PATCH /credentials/{name} (the older proxies require all three fields). */
  public JsonObject body() {
    return new JsonObject().put("credential_name", name).put("credential_values", values()).put("credential_info",
        info());
  }

  @Override
  public String toString() {
    // Never print the values.
    return "CredentialPayload[name=" + name + ", keys=" + values.fieldNames() + ", hash=" + hash + "]";
  }
}
