package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a Credential: where it lives in LiteLLM and who uses it (never a value of it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "lastUpdated", "conditions", "credentialName", "connection", "appliedHash",
    "modelCount", "appliedKeys", "previousCredentialName"})
public class CredentialStatus extends UnknownFields {
  public Long observedGeneration;
  /** RFC 3339 time of the last status change. */
  public String lastUpdated;
  public List<Condition> conditions = new ArrayList<>();
  /** The name the credential has in LiteLLM. */
  public String credentialName;
  /** The proxy it lives in, as its connectionRef names it: "LiteLLMInstance ns/name" or "Secret ns/name". */
  public String connection;
  /** Keyed hash (the install's key) of the values and info last applied: a rotation changes it; never a plain hash. */
  public String appliedHash;
  /** How many Models on this proxy name the credential. */
  public Integer modelCount;
  /**
   * Names (never values) of the credential values last applied: LiteLLM's PATCH overlays values and cannot remove one,
   * so a name missing from the next desired set is removed by delete + create.
   */
  public List<String> appliedKeys;
  /**
   * The name this Credential had in LiteLLM before a rename, kept there (on the same proxy) while Models still use it,
   * then deleted.
   */
  public String previousCredentialName;
}
