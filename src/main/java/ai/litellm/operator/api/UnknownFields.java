package ai.litellm.operator.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every API object below the resource: fields this operator does not know are kept instead of failing the
 * read. On a real cluster that happens on every upgrade and rollback — the CRDs are applied before the operator, or an
 * older operator reads a newer CRD's objects — and a strict read would stop the informer of the whole kind. The kept
 * fields are written back unchanged (a status patch never drops another version's status fields).
 */
public abstract class UnknownFields {
  private Map<String, Object> unknownFields;

  @JsonAnySetter
  void putUnknownField(String name, Object value) {
    if (unknownFields == null) {
      unknownFields = new LinkedHashMap<>();
    }
    unknownFields.put(name, value);
  }

  /** Forgets the unknown fields (for copies that must show only what this operator understands, e.g. status). */
  public void dropUnknownFields() {
    unknownFields = null;
  }

  /** Fields of a newer (or older) CRD version that this operator does not know, as read. */
  @JsonAnyGetter
  public Map<String, Object> unknownFields() {
    return unknownFields == null ? Map.of() : unknownFields;
  }
}
