package ai.litellm.operator.controller.model;

import static ai.litellm.operator.controller.model.ModelTestKit.NS;
import static ai.litellm.operator.controller.model.ModelTestKit.failure;
import static ai.litellm.operator.controller.model.ModelTestKit.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ai.litellm.operator.api.ConnectionRef;
import ai.litellm.operator.api.InstanceRef;
import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.kube.SecretReader.SecretData;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which proxy and key a Model's connectionRef leads to, and what each broken reference reports. */
class ConnectionResolverTest {
  private static final String KEY = "sk-very-secret";

  private final Map<String, LiteLLMInstance> instances = new HashMap<>();
  private final ConnectionResolver.SecretSource secrets = mock(ConnectionResolver.SecretSource.class);
  private final InstanceEndpoints endpoints = mock(InstanceEndpoints.class);

  private ConnectionResolver resolver(boolean allowCrossNamespace) {
    return new ConnectionResolver((ns, name) -> instances.get(ns + "/" + name), secrets, endpoints,
        new ReferenceNamespaces(allowCrossNamespace));
  }

  @BeforeEach
  void nothingExists() {
    when(secrets.read(anyString(), anyString())).thenReturn(Future.succeededFuture(Optional.empty()));
    when(endpoints.baseUrl(any(), anyString())).thenReturn(Future.succeededFuture("http://inst-service.team-a:4000/"));
  }

  private void secret(String ns, String name, Map<String, String> data) {
    when(secrets.read(ns, name)).thenReturn(Future.succeededFuture(Optional.of(new SecretData("1", data))));
  }

  private LiteLLMInstance instance(String ns, String name, boolean deleting) {
    LiteLLMInstance inst = new LiteLLMInstance();
    inst.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid("iuid")
        .withDeletionTimestamp(deleting ? "2026-01-01T00:00:00Z" : null).build());
    instances.put(ns + "/" + name, inst);
    return inst;
  }

  private static Model viaSecret(String secretNamespace) {
    Model m = ModelTestKit.model();
    m.getSpec().connectionRef.secretRef = new SecretRef(secretNamespace, "conn");
    return m;
  }

  private static Model viaInstance(String instanceNamespace) {
    Model m = ModelTestKit.model();
    m.getSpec().connectionRef = new ConnectionRef();
    m.getSpec().connectionRef.instanceRef = new InstanceRef(instanceNamespace, "inst");
    return m;
  }

  private static ModelProblem problem(Future<Connection> f) {
    return (ModelProblem) failure(f);
  }

  // --- secretRef ---

  @Test
  void secretRefGivesTheUrlWithoutTrailingSlashAndTheTrimmedKey() {
    secret(NS, "conn", Map.of("url", " http://proxy.team-a:4000/ ", "masterkey", " " + KEY + "\n"));

    Connection c = result(resolver(false).resolve(viaSecret(null)));
    assertEquals("http://proxy.team-a:4000", c.endpoint().baseUrl());
    assertEquals(KEY, c.endpoint().masterKey());
    assertEquals("http://proxy.team-a:4000", c.identity());
    assertEquals("Secret team-a/conn", c.description());
    assertFalse(c.identity().contains(KEY) || c.description().contains(KEY), "the key never leaves the endpoint");
  }

  @Test
  void aMissingConnectionSecretMeansTheConnectionIsGone() {
    ModelProblem p = problem(resolver(false).resolve(viaSecret(null)));
    assertEquals("ConnectionError", p.reason());
    assertTrue(p.isConnectionGone());
    assertFalse(p.isPermanent());
    assertTrue(p.getMessage().contains("team-a/conn"), p.getMessage());
  }

  @Test
  void aConnectionSecretWithoutBothKeysIsTransient() {
    for (Map<String, String> data : new Map[] {Map.of("url", "http://p:4000"), Map.of("masterkey", KEY),
        Map.of("url", " ", "masterkey", KEY), Map.of("url", "http://p:4000", "masterkey", "")}) {
      secret(NS, "conn", data);
      ModelProblem p = problem(resolver(false).resolve(viaSecret(null)));
      assertEquals("ConnectionError", p.reason(), data.keySet().toString());
      assertFalse(p.isConnectionGone(), data.keySet().toString());
      assertFalse(p.isPermanent(), data.keySet().toString());
      assertFalse(p.getMessage().contains(KEY), "a partial Secret's values are never echoed");
    }
  }

  @Test
  void secretRefWinsOverInstanceRef() {
    secret(NS, "conn", Map.of("url", "http://proxy.team-a:4000", "masterkey", KEY));
    instance(NS, "inst", false);
    Model both = viaSecret(null);
    both.getSpec().connectionRef.instanceRef = new InstanceRef(null, "inst");

    assertEquals("Secret team-a/conn", result(resolver(false).resolve(both)).description());
    verifyNoInteractions(endpoints);
  }

  @Test
  void aSecretRefInAnotherNamespaceIsRefusedWithoutAGrant() {
    secret("team-b", "conn", Map.of("url", "http://proxy.team-b:4000", "masterkey", KEY));
    ModelProblem p = problem(resolver(false).resolve(viaSecret("team-b")));
    assertEquals(ReferenceNamespaces.FORBIDDEN_REASON, p.reason());
    assertTrue(p.isPermanent());
    assertFalse(p.getMessage().contains(KEY));
  }

  @Test
  void aSecretRefInAnotherNamespaceIsReadThereWhenAllowed() {
    secret("team-b", "conn", Map.of("url", "http://proxy.team-b:4000", "masterkey", KEY));

    Connection c = result(resolver(true).resolve(viaSecret("team-b")));
    assertEquals("http://proxy.team-b:4000", c.endpoint().baseUrl());
    assertEquals("Secret team-b/conn", c.description());
  }

  // --- instanceRef ---

  @Test
  void instanceRefGivesTheInstanceEndpointAndItsMasterKey() {
    LiteLLMInstance inst = instance(NS, "inst", false);
    secret(NS, "inst-secrets", Map.of("masterkey", " " + KEY + " "));

    Connection c = result(resolver(false).resolve(viaInstance(null)));
    assertEquals("http://inst-service.team-a:4000", c.endpoint().baseUrl());
    assertEquals(KEY, c.endpoint().masterKey());
    assertEquals("http://inst-service.team-a:4000", c.identity());
    assertEquals("LiteLLMInstance team-a/inst", c.description());
    assertFalse(c.identity().contains(KEY) || c.description().contains(KEY));
    verify(endpoints).baseUrl(inst, KEY);
  }

  @Test
  void aMissingInstanceMeansTheConnectionIsGone() {
    ModelProblem p = problem(resolver(false).resolve(viaInstance(null)));
    assertEquals("InstanceNotFound", p.reason());
    assertTrue(p.isConnectionGone());
    assertFalse(p.isPermanent());
    verifyNoInteractions(secrets);
  }

  /**
   * A new instance has not created its master key Secret yet: the Model waits for its instance (InstanceNotReady, no
   * Warning Event), as it does for the instance's Deployment. The quickstart showed a Warning ConnectionError on every
   * first start (the Model's first reconcile ran before the instance's).
   */
  @Test
  void aLiveInstanceWithoutItsMasterKeySecretYetIsNotReadyRatherThanAnError() {
    instance(NS, "inst", false);
    Throwable absent = failure(resolver(false).resolve(viaInstance(null)));
    assertTrue(absent instanceof NotServing, String.valueOf(absent));
    assertEquals(ModelStatuses.INSTANCE_NOT_READY, ((NotServing) absent).reason());
    assertEquals("LiteLLMInstance " + NS + "/inst has not created its master key Secret " + NS
        + "/inst-secrets yet", absent.getMessage());
  }

  @Test
  void aBlankMasterKeyOfALiveInstanceIsTransient() {
    instance(NS, "inst", false);
    secret(NS, "inst-secrets", Map.of("masterkey", " ", "saltkey", "salt"));
    ModelProblem blank = problem(resolver(false).resolve(viaInstance(null)));
    assertEquals("ConnectionError", blank.reason());
    assertFalse(blank.isConnectionGone());
    verify(endpoints, never()).baseUrl(any(), anyString());
  }

  @Test
  void aMissingMasterKeyOfAnInstanceBeingDeletedMeansTheConnectionIsGone() {
    instance(NS, "inst", true);
    ModelProblem p = problem(resolver(false).resolve(viaInstance(null)));
    assertEquals("InstanceNotFound", p.reason());
    assertTrue(p.isConnectionGone());
  }

  @Test
  void anInstanceBeingDeletedWithItsKeyStillResolves() {
    instance(NS, "inst", true);
    secret(NS, "inst-secrets", Map.of("masterkey", KEY));
    assertEquals(KEY, result(resolver(false).resolve(viaInstance(null))).endpoint().masterKey());
  }

  @Test
  void anInstanceRefInAnotherNamespaceIsRefusedUnlessAllowed() {
    instance("team-b", "inst", false);
    secret("team-b", "inst-secrets", Map.of("masterkey", KEY));

    ModelProblem p = problem(resolver(false).resolve(viaInstance("team-b")));
    assertEquals(ReferenceNamespaces.FORBIDDEN_REASON, p.reason());
    assertTrue(p.isPermanent());
    verifyNoInteractions(secrets, endpoints);

    assertEquals("LiteLLMInstance team-b/inst", result(resolver(true).resolve(viaInstance("team-b"))).description());
  }

  @Test
  void anEndpointLookupFailureIsReturned() {
    instance(NS, "inst", false);
    secret(NS, "inst-secrets", Map.of("masterkey", KEY));
    IllegalStateException boom = new IllegalStateException("no port-forward");
    when(endpoints.baseUrl(any(), anyString())).thenReturn(Future.failedFuture(boom));
    assertSame(boom, failure(resolver(false).resolve(viaInstance(null))));
  }

  // --- neither ---

  @Test
  void neitherReferenceIsAPermanentInvalidSpec() {
    Model none = ModelTestKit.model();
    none.getSpec().connectionRef = null;
    Model blanks = ModelTestKit.model();
    blanks.getSpec().connectionRef.secretRef = new SecretRef(null, " ");
    blanks.getSpec().connectionRef.instanceRef = new InstanceRef(null, "");
    for (Model m : new Model[] {none, blanks}) {
      ModelProblem p = problem(resolver(true).resolve(m));
      assertEquals("InvalidSpec", p.reason());
      assertTrue(p.isPermanent());
      assertFalse(p.isConnectionGone());
    }
    verifyNoInteractions(secrets, endpoints);
  }
}
