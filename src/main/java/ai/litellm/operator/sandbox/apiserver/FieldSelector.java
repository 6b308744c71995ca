package ai.litellm.operator.sandbox.apiserver;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A {@code fieldSelector} of a list request, e.g. {@code involvedObject.name=x,involvedObject.kind!=Pod}: every term
 * must hold. A term compares the field at a dotted path ({@code =}, {@code ==} or {@code !=}); an absent field reads
 * as the empty string, as on the API server. The real server accepts only the fields each kind registers (for Events:
 * involvedObject.*, reason, source, type, metadata.name/namespace); this one accepts any path, so it never refuses a
 * selector the real one would take.
 */
record FieldSelector(List<Term> terms) {
  record Term(String[] path, String value, boolean equal) {}

  /** The selector; an empty text selects everything. */
  static FieldSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String raw : text.split(",")) {
      String term = raw.strip();
      if (term.isEmpty()) {
        continue;
      }
      int ne = term.indexOf("!=");
      int eq = term.indexOf('=');
      if (ne < 0 && eq < 0) {
        throw new IllegalArgumentException("invalid field selector term \"" + term + "\": expected field=value");
      }
      boolean equal = ne < 0;
      String field = (equal ? term.substring(0, eq) : term.substring(0, ne)).strip();
      String value = equal ? term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1) : term.substring(ne + 2);
      if (field.isEmpty()) {
        throw new IllegalArgumentException("invalid field selector term \"" + term + "\": no field");
      }
      terms.add(new Term(field.split("\\."), value.strip(), equal));
    }
    return new FieldSelector(List.copyOf(terms));
  }

  boolean matches(JsonNode object) {
    for (Term t : terms) {
      JsonNode node = object;
      for (String step : t.path()) {
        node = node.path(step);
      }
      String actual = node.isValueNode() ? node.asString("") : "";
      if (actual.equals(t.value()) != t.equal()) {
        return false;
      }
    }
    return true;
  }
}
