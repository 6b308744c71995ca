package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;

/**
 * Parses multi-document YAML text into the kinds the renderer understands (LiteLLMInstance, Model, Secret). Text in,
 * objects out: reading files is the caller's business.
 */
public final class Manifests {
  private Manifests() {}

  /** @throws InvalidSpecException for YAML that does not parse or a document of an unsupported kind */
  public static List<HasMetadata> parse(String source, String yaml) {
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<Object> docs = Serialization.yamlMapper().readerFor(Object.class).readValues(yaml)) {
      int index = 0;
      while (docs.hasNextValue()) {
        Object doc = docs.nextValue();
        index++;
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map<?, ?> map)) {
          throw new InvalidSpecException(source + " document " + index + " is not a YAML mapping");
        }
        out.add(convert(source + " document " + index, map));
      }
    } catch (JacksonException e) {
      throw new InvalidSpecException(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    return out;
  }

  private static HasMetadata convert(String where, Map<?, ?> doc) {
    Object kind = doc.get("kind");
    Class<? extends HasMetadata> type;
    if ("LiteLLMInstance".equals(kind)) {
      type = LiteLLMInstance.class;
    } else if ("Model".equals(kind)) {
      type = Model.class;
    } else if ("Secret".equals(kind)) {
      type = Secret.class;
    } else {
      throw new InvalidSpecException(where + " has kind " + kind + "; expected LiteLLMInstance, Model or Secret");
    }
    try {
      return Serialization.jsonMapper().convertValue(doc, type);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new InvalidSpecException(where + " (" + kind + ") does not match its schema: " + e.getMessage());
    }
  }
}
