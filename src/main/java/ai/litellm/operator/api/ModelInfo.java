package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The model_info block of a Model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "dbModel", "teamId", "teamPublicModelName", "additionalProp1"})
public class ModelInfo extends UnknownFields {
  public String id;
  public Boolean dbModel;
  public String teamId;
  public String teamPublicModelName;
  /** RawExtension: arbitrary JSON, kept as read. */
  public Object additionalProp1;
}
