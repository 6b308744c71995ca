package ai.litellm.operator.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which field names hold credentials, wherever they appear: a LiteLLM param (known or free-form, e.g.
 * {@code aws_session_token} or {@code azure_ad_token} in additionalProp1), a request we send, or an echo of it. A
 * credential goes to a Secret and the pod's environment, never into a ConfigMap, a status, a log or an Event.
 *
 * <p>The name is split into words (snake_case, kebab-case, camelCase); it is a credential when a word says so: key,
 * secret, password, credential, private, authorization, or token — except token counts ("max_tokens",
 * "input_cost_per_token") and the name of a stored credential ("litellm_credential_name": which credential a model
 * uses is no secret, and it must stay readable in the config file and the status).
 */
public final class CredentialKeys {
  private static final Set<String> WORDS = Set.of("key", "keys", "secret", "secrets", "password", "passwd",
      "passphrase", "credential", "credentials", "private", "authorization", "token", "sas", "cert", "jwt");

  private CredentialKeys() {}

  public static boolean isCredential(String name) {
    List<String> words = words(name);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("token") && i > 0 && (words.get(i - 1).equals("per") || words.get(i - 1).equals("max"))) {
        continue; // a price or a limit per token, not a token
      }
      if (w.equals("credential") && i + 1 == words.size() - 1 && words.get(i + 1).equals("name")) {
        continue; // the name of a stored credential, not a credential
      }
      if (WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c);
      boolean camel = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
      if ((boundary || camel) && word.length() > 0) {
        out.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (!boundary) {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      out.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
