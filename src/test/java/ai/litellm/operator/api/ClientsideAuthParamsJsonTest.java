package ai.litellm.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.litellm.operator.render.LiteLLMParamsMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * configurableClientsideAuthParams is LiteLLM's configurable_clientside_auth_params: a list of param names and
 * {@code {api_base}} objects. It reads and writes as that list, and a single value stored under the older CRD (which
 * typed the field as an object) still reads, as a one-item list, so an informer never fails on an old object.
 */
class ClientsideAuthParamsJsonTest {

  @Test
  void aListOfNamesAndApiBaseObjectsRoundTrips() {
    LiteLLMParams p = Serialization.unmarshal(
        "{\"model\":\"openai/x\",\"configurableClientsideAuthParams\":[\"api_key\",{\"api_base\":\"https://.*\"}]}",
        LiteLLMParams.class);
    assertEquals(List.of("api_key", Map.of("api_base", "https://.*")), p.configurableClientsideAuthParams);
    assertEquals("{\"configurableClientsideAuthParams\":[\"api_key\",{\"api_base\":\"https://.*\"}],"
        + "\"model\":\"openai/x\"}", Serialization.asJson(p));
    assertEquals("[\"api_key\",{\"api_base\":\"https://.*\"}]", LiteLLMParamsMapper.toLiteLLM("p", p)
        .getJsonArray("configurable_clientside_auth_params").encode());
  }

  @Test
  void aSingleObjectStoredByTheOlderCrdReadsAsAOneItemList() {
    LiteLLMParams p = Serialization.unmarshal(
        "{\"model\":\"openai/x\",\"configurableClientsideAuthParams\":{\"api_base\":\"https://.*\"}}",
        LiteLLMParams.class);
    assertEquals(List.of(Map.of("api_base", "https://.*")), p.configurableClientsideAuthParams);
  }

  @Test
  void aSingleNameReadsAsAOneItemList() {
    LiteLLMParams p = Serialization.unmarshal(
        "{\"model\":\"openai/x\",\"configurableClientsideAuthParams\":\"api_key\"}", LiteLLMParams.class);
    assertEquals(List.of("api_key"), p.configurableClientsideAuthParams);
  }
}
