package ai.litellm.operator.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * metav1.Condition bookkeeping: lastTransitionTime changes only when the status flips, so re-asserting the same
 * condition produces an identical status and therefore no write.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /** A copy of {@code current} with {@code type} set; other conditions are kept in their order. */
  public static List<Condition> set(List<Condition> current, String type, String status, String reason, String message,
      Long observedGeneration) {
    List<Condition> out = new ArrayList<>(current == null ? List.of() : current);
    Optional<Condition> old = out.stream().filter(c -> type.equals(c.getType())).findFirst();
    String transition = old.filter(c -> status.equals(c.getStatus())).map(Condition::getLastTransitionTime)
        .orElse(now());
    Condition next = new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message == null ? "" : message).withObservedGeneration(observedGeneration)
        .withLastTransitionTime(transition).build();
    if (old.isPresent()) {
      out.set(out.indexOf(old.get()), next);
    } else {
      out.add(next);
    }
    return out;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /** Equal ignoring lastTransitionTime. */
  public static boolean sameState(Condition a, Condition b) {
    return Objects.equals(a.getType(), b.getType()) && Objects.equals(a.getStatus(), b.getStatus())
        && Objects.equals(a.getReason(), b.getReason()) && Objects.equals(a.getMessage(), b.getMessage())
        && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
  }

  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
