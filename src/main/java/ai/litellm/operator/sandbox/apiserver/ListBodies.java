package ai.litellm.operator.sandbox.apiserver;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists as the API server writes them: named {@code <Kind>List} of their group version ({@code EventList} of
 * {@code v1}), where the mock writes {@code List} of {@code v1} for every kind (client-go's typed clients, such as
 * kubectl describe's Events, decode nothing else), and filtered by a field selector the mock cannot apply.
 */
final class ListBodies {
  /** How the mock starts every list it answers. */
  private static final String MOCK_LIST_PREFIX = "{\"apiVersion\":\"v1\",\"kind\":\"List\",";

  private ListBodies() {}

  static boolean isMockList(String body) {
    return body.startsWith(MOCK_LIST_PREFIX);
  }

  /**
   * The mock's list renamed (a prefix swap, not a parse: lists of 100k objects pass here) and, with a selector,
   * filtered to the items it selects.
   */
  static String asServerList(String mockList, String groupVersion, String kind, FieldSelector selector) {
    String body = "{\"apiVersion\":\"" + groupVersion + "\",\"kind\":\"" + kind + "List\","
        + mockList.substring(MOCK_LIST_PREFIX.length());
    if (selector == null) {
      return body;
    }
    ObjectNode list = (ObjectNode) JsonResponses.MAPPER.readTree(body);
    ArrayNode items = (ArrayNode) list.get("items");
    for (int i = items.size() - 1; i >= 0; i--) {
      if (!selector.matches(items.get(i))) {
        items.remove(i);
      }
    }
    return JsonResponses.MAPPER.writeValueAsString(list);
  }
}
