package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a Model's LiteLLM model was last applied (issue #14.4, an extension beyond the seed's status): enough to reach
 * that proxy again after the Model moved, across restarts. Never a key: the URL without user info, query or fragment,
 * and the object that led there, whose Secret holds the master key; sealed by the operator.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"url", "via", "seal"})
public class AppliedEndpoint extends UnknownFields {
  /** The proxy's base URL (scheme, host, port, path only). */
  public String url;
  /** {@code LiteLLMInstance <ns>/<name>} or {@code Secret <ns>/<name>}: where its master key is read. */
  public String via;
  /**
   * The operator's keyed hash over the Model's uid, url and via: status is not proof (whoever may patch models/status
   * could point a master key at any URL), so a record without a valid seal is never used to send a key anywhere.
   */
  public String seal;

  public AppliedEndpoint() {}

  public AppliedEndpoint(String url, String via, String seal) {
    this.url = url;
    this.via = via;
    this.seal = seal;
  }
}
