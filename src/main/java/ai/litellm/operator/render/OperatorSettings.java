package ai.litellm.operator.render;

/**
 * Operator-wide settings that shape rendered objects.
 *
 * @param gatewayParent the Gateway HTTPRoutes attach to; null when the operator has none configured
 * @param ingressClassName the IngressClass for Ingresses; null to use the cluster default
 */
public record OperatorSettings(GatewayParentRef gatewayParent, String ingressClassName) {
  public static final OperatorSettings DEFAULTS = new OperatorSettings(null, null);
}
