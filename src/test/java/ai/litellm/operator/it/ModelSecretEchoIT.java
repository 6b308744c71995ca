package ai.litellm.operator.it;

import static ai.litellm.operator.controller.model.ModelFixtures.events;
import static ai.litellm.operator.controller.model.ModelFixtures.get;
import static ai.litellm.operator.controller.model.ModelFixtures.reason;
import static ai.litellm.operator.testing.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.Conditions;
import ai.litellm.operator.litellm.SecretEncodings;
import ai.litellm.operator.sandbox.Sandbox;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLM;
import ai.litellm.operator.sandbox.fakelitellm.FakeLiteLLMOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #12, defect 3: LiteLLM rejects a create with its generic-exception envelope, 400
 * {@code "Authentication Error, " + str(e)}, and {@code str(e)} echoes the request as a Python repr (the fake's
 * {@code createErrorsEchoRequest} knob). The request carries a service-account JSON from the Model's Secret; in the
 * repr its backslashes are doubled, so an exact-string scrubber misses it. Nothing of it may reach the Model's status,
 * an Event or the operator's log, in any encoding, while LiteLLM's own words (type, code, text) still do.
 *
 * <p>Failed before the fix (commit 67b1914, i.e. b00a59c's exact-string {@code SecretScrubber}): the Ready
 * condition, the LiteLLMRejected Event (LiteLLMError since #13.2) and the WARN log line all carried the start of the echoed credentials (the
 * repr of the service-account JSON up to its private_key_id, cut at 300 characters).
 */
class ModelSecretEchoIT {
  static final String NS = "echo";
  static final int WINDOW = 12;
  static Sandbox sandbox;
  static KubernetesClient c;
  static final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
  static final Logger ROOT = Logger.getLogger("");
  static final Logger OPERATOR = Logger.getLogger("ai.litellm");
  static Level operatorLevel;
  static final Handler CAPTURE = new Handler() {
    private final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord r) {
      logLines.add(format.format(r));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() {
    operatorLevel = OPERATOR.getLevel();
    OPERATOR.setLevel(Level.ALL); // debug lines too: every line the operator could write
    CAPTURE.setLevel(Level.ALL);
    ROOT.addHandler(CAPTURE);
    sandbox = SandboxFixture.start(SandboxFixture.testConfig(),
        () -> new FakeLiteLLMOptions().createErrorsEchoRequest(true));
    c = sandbox.client();
    SandboxFixture.namespace(c, NS);
  }

  @AfterAll
  static void stop() {
    try {
      sandbox.close();
    } finally {
      ROOT.removeHandler(CAPTURE);
      OPERATOR.setLevel(operatorLevel);
    }
  }

  @Test
  void echoedCredentialsReachNeitherStatusNorEventsNorLogs() {
    String credentials = serviceAccountJson(new Random(12));
    String privateKey = Serialization.unmarshal(credentials, Map.class).get("private_key").toString();
    c.resource(SandboxFixture.instance(NS, "p-echo")).create();
    SandboxFixture.secret(c, NS, "vertex-sa", Map.of("vertexCredentials", credentials,
        "vertexProject", "echo-test-project"));
    Model m = SandboxFixture.model(NS, "gemini", "p-echo", "vertex_ai/gemini-1.5-pro");
    m.getSpec().modelSecretRef = new SecretRef(null, "vertex-sa");
    c.resource(m).create();

    // The echoing error is LiteLLM's generic 400 ("Authentication Error, <exception>"): LiteLLMError, retried (#13.2).
    eventually("LiteLLMError", Duration.ofSeconds(60),
        () -> "LiteLLMError".equals(reason(c, NS, "gemini", "Ready")));
    eventually("LiteLLMError Event", Duration.ofSeconds(60),
        () -> !events(c, NS, "gemini", "LiteLLMError").isEmpty());
    eventually("the failure logged", Duration.ofSeconds(30),
        () -> logLines.stream().anyMatch(l -> l.contains("LiteLLMError")));
    FakeLiteLLM proxy = sandbox.proxies().proxy(NS, "p-echo");
    assertTrue(proxy.calls("/model/new").stream().anyMatch(call -> call.status() == 400),
        "LiteLLM answered the create with the echoing 400");

    Model seen = get(c, NS, "gemini");
    String status = Serialization.asJson(seen.getStatus()) + "\n"
        + String.join("\n", seen.getStatus().conditions.stream().map(x -> x.getMessage()).toList());
    List<Event> nsEvents = c.v1().events().inNamespace(NS).list().getItems();
    String eventText = String.join("\n", nsEvents.stream()
        .map(e -> Serialization.asJson(e) + "\n" + e.getMessage()).toList());
    String logs = String.join("\n", logLines);

    for (String secret : List.of(credentials, privateKey, privateKeyBody(privateKey))) {
      assertNull(SecretEncodings.findLeak(status, secret, WINDOW), () -> "status leaks: " + status);
      assertNull(SecretEncodings.findLeak(eventText, secret, WINDOW), () -> "an Event leaks: " + eventText);
      assertNull(SecretEncodings.findLeak(logs, secret, WINDOW), () -> "the log leaks: " + logs);
    }
    String message = Conditions.find(seen.getStatus().conditions, "Ready").orElseThrow().getMessage();
    assertTrue(message.contains("HTTP 400") && message.contains("auth_error")
        && message.contains("Authentication Error"), "LiteLLM's own words stay: " + message);
    assertFalse(message.contains("BEGIN PRIVATE KEY"), message);
  }

  /** A service-account key file as Google issues it: pretty-printed, the PEM with {@code \n} escapes, quotes. */
  static String serviceAccountJson(Random random) {
    byte[] der = new byte[1190];
    random.nextBytes(der);
    String body = Base64.getEncoder().encodeToString(der);
    StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\\n");
    for (int i = 0; i < body.length(); i += 64) {
      pem.append(body, i, Math.min(body.length(), i + 64)).append("\\n");
    }
    pem.append("-----END PRIVATE KEY-----\\n");
    byte[] keyId = new byte[20];
    random.nextBytes(keyId);
    StringBuilder hex = new StringBuilder();
    for (byte b : keyId) {
      hex.append(String.format("%02x", b));
    }
    return "{\n"
        + "  \"type\": \"service_account\",\n"
        + "  \"project_id\": \"echo-test-project\",\n"
        + "  \"private_key_id\": \"" + hex + "\",\n"
        + "  \"private_key\": \"" + pem + "\",\n"
        + "  \"client_email\": \"operator-echo@echo-test-project.iam.gserviceaccount.com\",\n"
        + "  \"client_id\": \"1048576" + Math.abs(random.nextLong() % 1_000_000_000_000L) + "\",\n"
        + "  \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\",\n"
        + "  \"token_uri\": \"https://oauth2.googleapis.com/token\",\n"
        + "  \"universe_domain\": \"googleapis.com\"\n"
        + "}\n";
  }

  private static String privateKeyBody(String pem) {
    return pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
        .replace("\n", "");
  }
}
