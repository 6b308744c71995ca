package ai.litellm.operator.api;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The operator's JSON mapping of Kubernetes objects: fabric8's own, except that every string value it decodes goes
 * through one {@link SharedStrings} table, so the informer caches, and the copies the reconcilers make of cached
 * objects, hold one copy of each repeated value instead of one per object.
 *
 * <p>One instance serves the operator's client and {@link #copy}: a copy made with fabric8's static {@code
 * Serialization} would bring back a private copy of every string the cache shares (the read-your-own-writes cache holds
 * thousands of written Models during a flood).
 *
 * <p>Secrets are exempt: their {@code data} and {@code stringData} values are decoded as usual, so a key never sits in
 * the shared table after its Secret is gone.
 */
public final class SharingSerialization {
  private static final KubernetesSerialization INSTANCE = create(new SharedStrings());

  private SharingSerialization() {}

  /** The operator's mapping, for its client. */
  public static KubernetesSerialization instance() {
    return INSTANCE;
  }

  /** A deep copy of {@code object} (of a type Jackson can write and read), sharing its string values. */
  public static <T> T copy(T object) {
    return INSTANCE.clone(object);
  }

  /** fabric8's mapping (the mapper setup of its default constructor) with string values shared through {@code shared}. */
  static KubernetesSerialization create(SharedStrings shared) {
    SimpleModule sharing = new SimpleModule("litellm-operator-shared-strings");
    sharing.addDeserializer(String.class, new SharedStringDeserializer(shared));
    sharing.setMixInAnnotation(Secret.class, SecretValuesUnshared.class);
    JsonMapper mapper = JsonMapper.builderWithJackson2Defaults()
        .addModule(new Jackson2JdkTypesModule())
        .addModule(sharing)
        .build();
    return new KubernetesSerialization(mapper, true);
  }

  /** Jackson's string deserializer, answering with the shared copy. */
  static final class SharedStringDeserializer extends StringDeserializer {
    private final transient SharedStrings shared;

    SharedStringDeserializer(SharedStrings shared) {
      this.shared = shared;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      return shared.share(super.deserialize(p, ctxt));
    }
  }

  /** A Secret's values use Jackson's plain string deserializer. */
  abstract static class SecretValuesUnshared {
    @JsonDeserialize(contentUsing = StringDeserializer.class)
    abstract void setData(Map<String, String> data);

    @JsonDeserialize(contentUsing = StringDeserializer.class)
    abstract void setStringData(Map<String, String> stringData);
  }
}
