package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Objects;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The base of this API's kinds: a custom resource (apiVersion, kind, metadata, spec, status, as fabric8's {@code
 * CustomResource} writes and reads it) that costs the informer caches as little as possible.
 *
 * <ul>
 *   <li><b>No managedFields.</b> Every writer of a Model (its author, the finalizer patch, the status patch) adds a
 *       field set to managedFields, so they are about half the bytes of every watch event and every object read, and
 *       a good share of the objects a decode builds. The operator never reads field ownership on its own kinds: it
 *       writes them with JSON patches, never with an update that would have to carry managedFields back (the API
 *       server keeps the stored ones when a write omits them anyway). They are skipped while parsing; a watch event is
 *       still read into a JSON tree first (fabric8 finds the kind that way), so the saving is smaller there. Writing is
 *       not affected: a managedFields list set on the object is still serialized.
 *   <li><b>No per-object type names.</b> fabric8's {@code CustomResource} computes apiVersion, kind, singular, plural
 *       and the CRD's name from the class's annotations in every constructor and keeps them in final fields: five new
 *       strings per decoded object, 4 MB at 10k Models in a heap dump (issue #15), and annotation lookups on every
 *       decode. Here apiVersion and kind are the class's, computed once per class; the rest is {@link HasMetadata}'s
 *       static helpers.
 * </ul>
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class LeanCustomResource<S, T> implements HasMetadata {
  private record TypeNames(String apiVersion, String kind) {}

  private static final ClassValue<TypeNames> TYPE_NAMES = new ClassValue<>() {
    @Override
    protected TypeNames computeValue(Class<?> type) {
      String apiVersion = HasMetadata.getApiVersion(type);
      if (apiVersion == null || apiVersion.isEmpty()) {
        throw new IllegalArgumentException(type.getName() + " needs @Group and @Version");
      }
      return new TypeNames(apiVersion, HasMetadata.getKind(type));
    }
  };

  private ObjectMeta metadata = new ObjectMeta();

  @JsonProperty("spec")
  protected S spec;

  @JsonProperty("status")
  protected T status;

  protected LeanCustomResource() {
    this.spec = initSpec();
    this.status = initStatus();
  }

  /** The spec of a new object (null: none). */
  protected S initSpec() {
    return null;
  }

  /** The status of a new object (null: none). */
  protected T initStatus() {
    return null;
  }

  @Override
  @JsonProperty("apiVersion")
  public String getApiVersion() {
    return TYPE_NAMES.get(getClass()).apiVersion();
  }

  /** The apiVersion is the class's: a read value is the same one (the informer asked for this version). */
  @Override
  public void setApiVersion(String version) {
    // derived from the class, as fabric8's CustomResource does
  }

  @Override
  @JsonProperty("kind")
  public String getKind() {
    return TYPE_NAMES.get(getClass()).kind();
  }

  /** The kind is the class's. */
  public void setKind(String kind) {
    // derived from the class, as fabric8's CustomResource does
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public S getSpec() {
    return spec;
  }

  public void setSpec(S spec) {
    this.spec = spec;
  }

  public T getStatus() {
    return status;
  }

  public void setStatus(T status) {
    this.status = status;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    LeanCustomResource<?, ?> other = (LeanCustomResource<?, ?>) o;
    return Objects.equals(metadata, other.metadata) && Objects.equals(spec, other.spec)
        && Objects.equals(status, other.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), metadata, spec, status);
  }

  @Override
  public String toString() {
    return getKind() + "{apiVersion='" + getApiVersion() + "', metadata=" + metadata + ", spec=" + spec + ", status="
        + status + "}";
  }
}
