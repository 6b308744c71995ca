package ai.litellm.operator.render;

/**
 * The Gateway (operator setting) HTTPRoutes attach to. namespace and sectionName are optional: without namespace the
 * Gateway is looked up in the route's namespace, without sectionName every listener is used.
 */
public record GatewayParentRef(String name, String namespace, String sectionName) {
  public GatewayParentRef {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("gateway name is required");
    }
  }
}
