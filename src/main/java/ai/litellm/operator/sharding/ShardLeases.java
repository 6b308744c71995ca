package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * Names and labels of the sharding Leases, all in the operator's namespace:
 * <ul>
 *   <li>member Lease {@code <leaseName>-member-<identity>}: one per replica, renewed like a leader lease;</li>
 *   <li>claim Lease {@code <leaseName>-ns-<namespace>}: who may reconcile one namespace (holder empty = released).</li>
 * </ul>
 * Both carry {@code litellm.litellm.ai/shard-ring=<leaseName>} and {@code litellm.litellm.ai/shard-role} so a replica
 * lists the members of its ring with one equality selector.
 */
public final class ShardLeases {
  public static final String RING_LABEL = "litellm.litellm.ai/shard-ring";
  public static final String ROLE_LABEL = "litellm.litellm.ai/shard-role";
  public static final String MEMBER = "member";
  public static final String CLAIM = "claim";
  /** The namespace a claim stands for (names are sanitised; this is exact). */
  public static final String NAMESPACE_ANNOTATION = "litellm.litellm.ai/namespace";

  private ShardLeases() {}

  public static String memberName(String ring, String identity) {
    return dnsName(ring + "-member-" + identity);
  }

  public static String claimName(String ring, String namespace) {
    return dnsName(ring + "-ns-" + namespace);
  }

  public static Map<String, String> memberLabels(String ring) {
    return Map.of(RING_LABEL, ring, ROLE_LABEL, MEMBER);
  }

  public static Map<String, String> claimLabels(String ring) {
    return Map.of(RING_LABEL, ring, ROLE_LABEL, CLAIM);
  }

  public static Lease newMember(String ring, String identity, Duration leaseDuration, ZonedDateTime now) {
    return lease(memberName(ring, identity), memberLabels(ring), Map.of(), identity, leaseDuration, now);
  }

  public static Lease newClaim(String ring, String namespace, String holder, Duration leaseDuration,
      ZonedDateTime now) {
    return lease(claimName(ring, namespace), claimLabels(ring), Map.of(NAMESPACE_ANNOTATION, namespace), holder,
        leaseDuration, now);
  }

  public static String holder(Lease lease) {
    String h = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    return h == null ? "" : h;
  }

  private static Lease lease(String name, Map<String, String> labels, Map<String, String> annotations, String holder,
      Duration leaseDuration, ZonedDateTime now) {
    Lease l = new Lease();
    l.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).withAnnotations(annotations).build());
    LeaseSpec spec = new LeaseSpec();
    spec.setHolderIdentity(holder);
    spec.setLeaseDurationSeconds((int) Math.max(1, leaseDuration.toSeconds()));
    spec.setAcquireTime(now);
    spec.setRenewTime(now);
    spec.setLeaseTransitions(0);
    l.setSpec(spec);
    return l;
  }

  /** A valid object name: lower case, [a-z0-9.-], at most 253 characters (long names keep a hash suffix). */
  static String dnsName(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+", "")
        .replaceAll("[^a-z0-9]+$", "");
    if (s.length() > 253) {
      String suffix = Long.toHexString(NamespaceHash.fnv1a64(raw));
      s = s.substring(0, 253 - suffix.length() - 1) + "-" + suffix;
    }
    return s.isEmpty() ? "x" : s;
  }
}
