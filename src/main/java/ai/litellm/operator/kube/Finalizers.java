package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's finalizer on the objects whose deletion must wait for cleanup outside Kubernetes, and the one finalizer
 * it takes over: the Go operator's ({@link #GO_OPERATOR}, issue #14.8), which nothing removes once that operator is
 * gone. No other finalizer is ever touched.
 */
public final class Finalizers {
  public static final String NAME = ai.litellm.operator.api.ApiGroup.FINALIZER;
  /** The finalizer bbdsoftware/litellm-operator put on Models and instances (its older instances used {@link #NAME}). */
  public static final String GO_OPERATOR = "litellm-operator.litellm.ai/finalizer";

  private Finalizers() {}

  /** Whether the object waits for this operator: its finalizer or the Go operator's, which it treats as its own. */
  public static boolean has(HasMetadata obj) {
    return of(obj).contains(NAME) || hasGoOperators(obj);
  }

  public static boolean hasGoOperators(HasMetadata obj) {
    return of(obj).contains(GO_OPERATOR);
  }

  /** The finalizers with ours in place of the Go operator's (at its position), or ours appended. */
  static List<String> withOurs(HasMetadata obj) {
    List<String> out = new ArrayList<>();
    for (String f : of(obj)) {
      String taken = GO_OPERATOR.equals(f) ? NAME : f;
      if (!out.contains(taken)) {
        out.add(taken);
      }
    }
    if (!out.contains(NAME)) {
      out.add(NAME);
    }
    return out;
  }

  /** The finalizers without ours and the Go operator's. */
  static List<String> withoutOurs(HasMetadata obj) {
    List<String> out = new ArrayList<>(of(obj));
    out.removeIf(f -> NAME.equals(f) || GO_OPERATOR.equals(f));
    return out;
  }

  static List<String> of(HasMetadata obj) {
    return obj.getMetadata().getFinalizers() == null ? List.of() : obj.getMetadata().getFinalizers();
  }
}
