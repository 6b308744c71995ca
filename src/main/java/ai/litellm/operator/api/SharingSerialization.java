package ai.litellm.operator.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import java.util.List;
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
 * <p>Only the kinds this operator works with are known by apiVersion and kind ({@link #KINDS}): a watch event of one
 * is decoded straight into its class, any other kind into a {@code GenericKubernetesResource}.
 *
 * <p>Credentials are exempt, so none sits in the static table after its object is gone: a Secret's {@code data} and
 * {@code stringData} values and an {@code EnvVar}'s literal value (mix-ins here), the credential fields of this API's
 * specs ({@link Unshared} on each), and any string holding a JSON document
 * (kubectl's last-applied-configuration annotation repeats a Secret's data). Values of fields this operator does not
 * know ({@link UnknownFields}) are shared like any other: a credential belongs in a Secret, not in an unknown field.
 */
public final class SharingSerialization {
  /**
   * The kinds whose watch events the operator reads: this API's, what an instance owns, the user Secrets it reads and
   * namespaces; and a watch's error {@code Status}, by which fabric8 tells an expired watch. Everything else the
   * operator reads (Leases, Events, CRDs) is decoded into a class it names.
   */
  private static final List<Class<? extends KubernetesResource>> KINDS = List.of(
      Model.class, LiteLLMInstance.class, Credential.class,
      ConfigMap.class, Secret.class, Deployment.class, Service.class, Ingress.class, HTTPRoute.class, Namespace.class,
      Status.class);
  private static final KubernetesSerialization INSTANCE = create(new SharedStrings());

  private SharingSerialization() {}

  /**
   * Whether watch events of {@code kind} are decoded straight into it: true for the kinds the operator works with
   * ({@link #KINDS}).
   */
  public static boolean decodesDirectly(Class<? extends KubernetesResource> kind) {
    return KINDS.contains(kind);
  }

  /** The operator's mapping, for its client. */
  public static KubernetesSerialization instance() {
    return INSTANCE;
  }

  /** A deep copy of {@code object} (of a type Jackson can write and read), sharing its string values. */
  public static <T> T copy(T object) {
    return INSTANCE.clone(object);
  }

  /** fabric8's mapping (its default constructor's mapper setup) with string values shared through {@code shared}. */
  static KubernetesSerialization create(SharedStrings shared) {
    SimpleModule sharing = new SimpleModule("litellm-operator-shared-strings");
    sharing.addDeserializer(String.class, new SharedStringDeserializer(shared));
    sharing.setMixInAnnotation(Secret.class, SecretValuesUnshared.class);
    sharing.setMixInAnnotation(EnvVar.class, EnvVarValueUnshared.class);
    JsonMapper mapper = JsonMapper.builderWithJackson2Defaults()
        .addModule(new Jackson2JdkTypesModule())
        .addModule(sharing)
        .build();
    // Without searching the class path: fabric8's search loads and instantiates every kind it ships (about 350, with
    // the classes they pull in 630 classes and 6 MB of metaspace) at the first event, for kinds the operator never
    // sees. fabric8's own static mapping still searches when it parses a kubeconfig; in a pod, with the service
    // account's token, nothing does (docs/performance.md, "Memory, fourteenth session").
    KubernetesSerialization serialization = new KubernetesSerialization(mapper, false);
    // fabric8 decodes a watch event's object by its apiVersion and kind. An unknown kind is decoded into a generic map
    // and then converted into the watched class, a second walk of every event (docs/performance.md, "Operator CPU,
    // thirteenth session"); a registered one is read straight into it.
    KINDS.forEach(serialization::registerKubernetesResource);
    return serialization;
  }

  /** Jackson's string deserializer, answering with the shared copy. */
  static final class SharedStringDeserializer extends StringDeserializer {
    private final transient SharedStrings shared;

    SharedStringDeserializer(SharedStrings shared) {
      this.shared = shared;
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      String value = super.deserialize(p, ctxt);
      return embedsJson(value) ? value : shared.share(value);
    }

    /**
     * A JSON document inside a string (kubectl's last-applied-configuration annotation, which repeats a Secret's
     * data) is never shared.
     */
    static boolean embedsJson(String value) {
      return value != null && !value.isEmpty() && (value.charAt(0) == '{' || value.charAt(0) == '[');
    }
  }

  /** A Secret's values use Jackson's plain string deserializer. */
  abstract static class SecretValuesUnshared {
    @JsonDeserialize(contentUsing = StringDeserializer.class)
    abstract void setData(Map<String, String> data);

    @JsonDeserialize(contentUsing = StringDeserializer.class)
    abstract void setStringData(Map<String, String> stringData);
  }

  /** An environment variable's literal value (an instance's extraEnvVars may carry one) is not shared. */
  abstract static class EnvVarValueUnshared {
    @Unshared
    abstract void setValue(String value);
  }
}
