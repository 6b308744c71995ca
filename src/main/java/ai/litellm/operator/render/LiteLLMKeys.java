package ai.litellm.operator.render;

import java.util.Map;
import java.util.Set;

/** Key names of LiteLLM's litellm_params / model_info that the render and drift logic treat specially. */
public final class LiteLLMKeys {
  private LiteLLMKeys() {}

  public static final String MODEL = "model";
  public static final String API_KEY = "api_key";
  public static final String API_BASE = "api_base";
  public static final String AWS_ACCESS_KEY_ID = "aws_access_key_id";
  public static final String AWS_SECRET_ACCESS_KEY = "aws_secret_access_key";
  public static final String VERTEX_CREDENTIALS = "vertex_credentials";
  public static final String VERTEX_PROJECT = "vertex_project";

  /** Params that are credentials: never written in clear into a ConfigMap, never echoed into status. */
  public static final Set<String> CREDENTIAL_PARAMS =
      Set.of(API_KEY, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, VERTEX_CREDENTIALS, "client_secret");

  /**
   * Params GET /model/info pops before answering (remove_sensitive_info_from_deployment): their absence in a read
   * is not drift, and their value can never be compared.
   */
  public static final Set<String> STRIPPED_ON_READ = CREDENTIAL_PARAMS;

  /**
   * Booleans LiteLLM adds to stored params with these defaults; a stored default that we do not send is not a
   * difference, and "removing" it from the spec needs no recreate because the effective value is unchanged.
   */
  public static final Map<String, Object> DEFAULTED_PARAMS = Map.of(
      "use_in_pass_through", Boolean.FALSE,
      "use_litellm_proxy", Boolean.FALSE,
      "merge_reasoning_content_in_choices", Boolean.FALSE);

  /** Prefix LiteLLM resolves against the proxy pod's environment; the read may show the resolved value. */
  public static final String ENV_REFERENCE_PREFIX = "os.environ/";

  public static final String MODEL_INFO_ID = "id";
  /** LiteLLM forces db_model to true when it loads a DB row, so it never matches what was sent. */
  public static final String MODEL_INFO_DB_MODEL = "db_model";
  public static final String MODEL_INFO_TEAM_ID = "team_id";
  public static final String MODEL_INFO_TEAM_PUBLIC_MODEL_NAME = "team_public_model_name";
}
