package ai.litellm.operator.sandbox.apiserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * A REST path of a Kubernetes resource, {@code /api/v1/...} or {@code /apis/<group>/<version>/...}, taken apart:
 * namespace (may be null), plural, name (may be null) and subresource (may be null).
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

  static Optional<ResourcePath> parse(String path) {
    String[] s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    String group;
    String version;
    int rest;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      rest = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      rest = 3;
    } else {
      return Optional.empty();
    }
    int n = s.length - rest;
    // "namespaces/<ns>/<plural>..." addresses a namespaced resource; "namespaces[/<name>[/<sub>]]" the Namespace itself.
    if (n >= 3 && s[rest].equals("namespaces")) {
      String name = n >= 4 ? s[rest + 3] : null;
      String sub = n >= 5 ? s[rest + 4] : null;
      return Optional.of(new ResourcePath(group, version, s[rest + 1], s[rest + 2], name, sub));
    }
    String name = n >= 2 ? s[rest + 1] : null;
    String sub = n >= 3 ? s[rest + 2] : null;
    return Optional.of(new ResourcePath(group, version, null, s[rest], name, sub));
  }

  /** The path of the collection this resource lives in (where a create is POSTed). */
  String collectionPath() {
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespace == null ? base + "/" + plural : base + "/namespaces/" + namespace + "/" + plural;
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
