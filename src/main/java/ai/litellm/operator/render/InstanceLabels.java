package ai.litellm.operator.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended app.kubernetes.io labels every owned object carries, and the (immutable) pod selector. */
public final class InstanceLabels {
  private InstanceLabels() {}

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY_VALUE = "litellm-operator";

  public static Map<String, String> common(String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "litellm");
    labels.put(INSTANCE, instance);
    labels.put(COMPONENT, "proxy");
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(PART_OF, "litellm");
    return Collections.unmodifiableMap(labels);
  }

  /** Deployment selector and Service selector; kept minimal because a Deployment selector can never change. */
  public static Map<String, String> selector(String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "litellm");
    labels.put(INSTANCE, instance);
    return Collections.unmodifiableMap(labels);
  }
}
