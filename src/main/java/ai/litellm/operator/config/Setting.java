package ai.litellm.operator.config;

import java.lang.reflect.Field;
import java.util.List;

/**
 * One row of {@link Settings}: an {@link OperatorConfig} field with its flag, environment variables, parser, default
 * and description. A setting without a flag is set only by code (tests, the sandbox, the benchmark).
 *
 * @param field the name of the public {@link OperatorConfig} field that holds the value
 * @param flag the long option without dashes (kube-write-qps), or null for a setting set only by code
 * @param env the environment variables read when the flag is absent, first set one wins
 * @param defaultValue the value when neither the flag nor a variable is set, as text the type parses
 */
public record Setting(String field, String flag, List<String> env, SettingType<?> type, String defaultValue,
    String doc) {

  public Setting {
    env = List.copyOf(env);
    Field f = configField(field);
    if (!box(f.getType()).equals(box(type.javaType()))) {
      throw new IllegalStateException(field + " is a " + f.getType() + ", its setting parses " + type.javaType());
    }
    type.parse(defaultValue); // a bad default fails the class, not a user's run
  }

  public boolean hasFlag() {
    return flag != null;
  }

  /** {@code --kube-write-qps}. */
  public String option() {
    return "--" + flag;
  }

  /** Parses {@code text} and stores the value in {@code config}. */
  public void apply(OperatorConfig config, String text) {
    store(config, type.parse(text));
  }

  /** Stores an already parsed value (of this setting's type) in {@code config}. */
  public void store(OperatorConfig config, Object value) {
    try {
      configField(field).set(config, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Field configField(String name) {
    try {
      return OperatorConfig.class.getField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("OperatorConfig has no public field " + name, e);
    }
  }

  private static Class<?> box(Class<?> c) {
    if (c == int.class) {
      return Integer.class;
    }
    if (c == double.class) {
      return Double.class;
    }
    return c == boolean.class ? Boolean.class : c;
  }
}
