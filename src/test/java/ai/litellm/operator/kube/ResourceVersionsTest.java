package ai.litellm.operator.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ResourceVersionsTest {
  @Test
  void readsTheVersionWhereverMetadataIsAndSkipsEverythingElse() {
    assertEquals("42", ResourceVersions.of(
        "{\"apiVersion\":\"v1\",\"spec\":{\"metadata\":{\"resourceVersion\":\"no\"},\"a\":[1,{\"b\":2}]},"
            + "\"metadata\":{\"name\":\"x\",\"labels\":{\"resourceVersion\":\"no\"},\"resourceVersion\":\"42\"}}"));
  }

  @Test
  void answersNullForBodiesWithoutOne() {
    assertNull(ResourceVersions.of(""));
    assertNull(ResourceVersions.of("null"));
    assertNull(ResourceVersions.of("[1]"));
    assertNull(ResourceVersions.of("{\"metadata\":{\"name\":\"x\"}}"));
    assertNull(ResourceVersions.of("{\"metadata\":"));
  }
}
