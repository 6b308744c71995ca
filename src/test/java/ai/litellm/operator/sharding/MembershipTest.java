package ai.litellm.operator.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Membership m = new Membership(Duration.ofSeconds(15), now::get);

  private static Lease member(String id, String rv) {
    Lease l = ShardLeases.newMember("ring", id, Duration.ofSeconds(15), ZonedDateTime.now());
    l.getMetadata().setResourceVersion(rv);
    return l;
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aMemberExpiresOnlyAfterItsLeaseStoppedChangingForTheLeaseDuration() {
    m.observe(List.of(member("a", "1"), member("b", "1")));
    assertEquals(Set.of("a", "b"), m.live());
    advance(Duration.ofSeconds(10));
    m.observe(List.of(member("a", "2"), member("b", "1"))); // a renewed, b did not
    advance(Duration.ofSeconds(6));
    m.observe(List.of(member("a", "2"), member("b", "1")));
    assertEquals(Set.of("a"), m.live());
    assertTrue(m.expired("b"));
    assertFalse(m.expired("a"));
  }

  @Test
  void theRenewTimeWrittenByAnotherClockIsIgnored() {
    Lease skewed = member("a", "1");
    skewed.getSpec().setRenewTime(ZonedDateTime.now().minusHours(1));
    m.observe(List.of(skewed));
    assertEquals(Set.of("a"), m.live(), "judged by when we saw it change, not by its renewTime");
  }

  @Test
  void aHolderWithoutALeaseGetsAFullLeaseDurationFromWhenWeFirstLooked() {
    m.observe("gone", null);
    assertFalse(m.expired("gone"));
    advance(Duration.ofSeconds(16));
    m.observe("gone", null);
    assertTrue(m.expired("gone"));
  }

  @Test
  void namesAreValidObjectNames() {
    assertEquals("litellm-operator-ns-team-a", ShardLeases.claimName("litellm-operator", "team-a"));
    assertEquals("ring-member-pod-0", ShardLeases.memberName("ring", "Pod_0"));
    assertTrue(ShardLeases.claimName("r", "x".repeat(300)).length() <= 253);
  }
}
