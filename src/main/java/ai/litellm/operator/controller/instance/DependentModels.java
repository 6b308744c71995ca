package ai.litellm.operator.controller.instance;

import java.util.List;

/**
 * The Models that still reference an instance, asked by a deleting instance before it lets its proxy go (issue
 * #14.2). Answered by the Model controller's informer index through {@code app.Operator} (this package does not know
 * Models).
 */
@FunctionalInterface
public interface DependentModels {
  /**
   * @return the keys ({@code namespace/name}) of the Models that reference the instance, or null when that cannot be
   *     told yet (the Model informers have not listed the namespace): the caller must not take null for "none"
   */
  List<String> of(String namespace, String name);

  /** For a controller run without Models: no instance ever waits. */
  DependentModels NONE = (namespace, name) -> List.of();
}
