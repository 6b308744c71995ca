package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * The base of this API's kinds: reading one skips {@code metadata.managedFields}.
 *
 * <p>Every writer of a Model (its author, the finalizer patch, the status patch) adds a field set to managedFields, so
 * they are about half the bytes of every watch event and every object read, and a good share of the objects a decode
 * builds (each field set becomes typed entries holding maps). The operator never reads field ownership on its own
 * kinds: it writes them with JSON patches, never with an update that would have to carry managedFields back (and the
 * API server keeps the stored ones when a write omits them anyway). Skipping them while parsing avoids the typed
 * entries; a watch event is still read into a JSON tree first (fabric8 finds the kind that way), so the saving is
 * smaller there. Dropping them after the decode (as {@code kube/LeanItemStore} does for Secrets) pays for everything
 * first. Writing is not affected: a managedFields list set on the object is still serialized.
 */
public abstract class LeanCustomResource<S, T> extends CustomResource<S, T> {
  @Override
  @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
  public void setMetadata(ObjectMeta metadata) {
    super.setMetadata(metadata);
  }
}
