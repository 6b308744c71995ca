package ai.litellm.operator.sandbox.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy (non-aggregated) discovery, what kubectl and fabric8 read to map kinds and short names to REST paths:
 * {@code /version}, {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>} and
 * {@code /apis/<group>/<version>}. kubectl asks for aggregated discovery first and falls back to these documents when
 * the answer is plain {@code application/json}.
 */
final class DiscoveryResponder {
  static final String SERVER_VERSION = "v1.30.0";
  private final ResourceCatalog catalog;

  DiscoveryResponder(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** The discovery answer for a GET of {@code path}, or empty when the path is not a discovery path. */
  Optional<MockResponse> respond(String path) {
    String[] s = path.equals("/") ? new String[0] : path.substring(1).split("/");
    if (s.length == 1 && s[0].equals("version")) {
      return Optional.of(JsonResponses.ok(version()));
    }
    if (s.length == 1 && s[0].equals("api")) {
      return Optional.of(JsonResponses.ok(apiVersions()));
    }
    if (s.length == 2 && s[0].equals("api")) {
      return Optional.of(resourceList("", s[1]));
    }
    if (s.length == 1 && s[0].equals("apis")) {
      return Optional.of(JsonResponses.ok(groupList()));
    }
    if (s.length == 2 && s[0].equals("apis")) {
      return Optional.of(group(s[1]));
    }
    if (s.length == 3 && s[0].equals("apis")) {
      return Optional.of(resourceList(s[1], s[2]));
    }
    return Optional.empty();
  }

  private static ObjectNode version() {
    ObjectNode v = JsonResponses.object();
    v.put("major", "1");
    v.put("minor", "30");
    v.put("gitVersion", SERVER_VERSION);
    v.put("gitCommit", "0000000000000000000000000000000000000000");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2024-04-17T00:00:00Z");
    v.put("goVersion", "go1.22.2");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }

  private static ObjectNode apiVersions() {
    ObjectNode v = JsonResponses.object();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    ObjectNode cidr = v.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", "127.0.0.1");
    return v;
  }

  private ObjectNode groupList() {
    List<ApiResource> all = catalog.all();
    ObjectNode list = JsonResponses.object();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (String g : catalog.groups(all)) {
      groups.add(groupNode(g, all));
    }
    return list;
  }

  private MockResponse group(String group) {
    List<ApiResource> all = catalog.all();
    if (all.stream().noneMatch(r -> r.group().equals(group))) {
      return JsonResponses.status(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode g = groupNode(group, all);
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    return JsonResponses.ok(g);
  }

  private static ObjectNode groupNode(String group, List<ApiResource> all) {
    ObjectNode g = JsonResponses.object();
    g.put("name", group);
    ArrayNode versions = g.putArray("versions");
    List<String> seen = new java.util.ArrayList<>();
    for (ApiResource r : all) {
      if (r.group().equals(group) && !seen.contains(r.version())) {
        seen.add(r.version());
        ObjectNode v = versions.addObject();
        v.put("groupVersion", group + "/" + r.version());
        v.put("version", r.version());
      }
    }
    // Like the API server, the first version registered is preferred.
    g.set("preferredVersion", versions.get(0).deepCopy());
    return g;
  }

  private MockResponse resourceList(String group, String version) {
    List<ApiResource> matching = catalog.all().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version))
        .toList();
    String groupVersion = group.isEmpty() ? version : group + "/" + version;
    if (matching.isEmpty()) {
      return JsonResponses.status(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode list = JsonResponses.object();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", groupVersion);
    ArrayNode resources = list.putArray("resources");
    for (ApiResource r : matching) {
      ObjectNode n = resources.addObject();
      n.put("name", r.plural());
      n.put("singularName", r.singular());
      n.put("namespaced", r.namespaced());
      n.put("kind", r.kind());
      ArrayNode verbs = n.putArray("verbs");
      ApiResource.ALL_VERBS.forEach(verbs::add);
      if (!r.shortNames().isEmpty()) {
        ArrayNode shortNames = n.putArray("shortNames");
        r.shortNames().forEach(shortNames::add);
      }
      if (!r.categories().isEmpty()) {
        ArrayNode categories = n.putArray("categories");
        r.categories().forEach(categories::add);
      }
      if (r.statusSubresource()) {
        ObjectNode status = resources.addObject();
        status.put("name", r.plural() + "/status");
        status.put("singularName", "");
        status.put("namespaced", r.namespaced());
        status.put("kind", r.kind());
        ArrayNode statusVerbs = status.putArray("verbs");
        List.of("get", "patch", "update").forEach(statusVerbs::add);
      }
    }
    return JsonResponses.ok(list);
  }
}
