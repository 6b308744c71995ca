package ai.litellm.operator.render;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Credential;
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
 * Parses multi-document YAML text into the kinds the renderer understands (LiteLLMInstance, Model, Credential, Secret). Text in,
 * objects out: reading files is the caller's business.
 */
public final class Manifests {
  private Manifests() {}

  /**
   * Checks one custom-resource document (as read: maps, lists, scalars) against its kind's schema; returns the
   * problems, each naming the field, or an empty list.
   */
  @FunctionalInterface
  public interface SchemaCheck {
    SchemaCheck NONE = (kind, document) -> List.of();

    List<String> problems(String kind, Map<?, ?> document);
  }

  /** @throws InvalidSpecException for YAML that does not parse or a document of an unsupported kind */
  public static List<HasMetadata> parse(String source, String yaml) {
    return parse(source, yaml, SchemaCheck.NONE);
  }

  /**
   * Like {@link #parse(String, String)}, and every LiteLLMInstance and Model document must pass {@code check} first.
   *
   * @throws InvalidSpecException also for a custom resource that breaks its schema, listing every problem
   */
  public static List<HasMetadata> parse(String source, String yaml, SchemaCheck check) {
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
        out.add(convert(source + " document " + index, map, check));
      }
    } catch (JacksonException e) {
      throw new InvalidSpecException(source + " is not valid YAML: " + e.getOriginalMessage());
    }
    return out;
  }

  private static HasMetadata convert(String where, Map<?, ?> doc, SchemaCheck check) {
    Object kind = doc.get("kind");
    Class<? extends HasMetadata> type;
    if ("LiteLLMInstance".equals(kind)) {
      type = LiteLLMInstance.class;
    } else if ("Model".equals(kind)) {
      type = Model.class;
    } else if ("Credential".equals(kind)) {
      type = Credential.class;
    } else if ("Secret".equals(kind)) {
      type = Secret.class;
    } else {
      throw new InvalidSpecException(where + " has kind " + kind + "; expected LiteLLMInstance, Model, Credential or Secret");
    }
    if (type != Secret.class) {
      List<String> problems = check.problems((String) kind, doc);
      if (!problems.isEmpty()) {
        Object name = doc.get("metadata") instanceof Map<?, ?> meta ? meta.get("name") : null;
        throw new InvalidSpecException(where + " (" + kind + " " + name + ") is rejected by the " + kind
            + " CRD schema:\n  " + String.join("\n  ", problems));
      }
    }
    try {
      return Serialization.jsonMapper().convertValue(doc, type);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new InvalidSpecException(where + " (" + kind + ") does not match its schema: " + e.getMessage());
    }
  }
}
