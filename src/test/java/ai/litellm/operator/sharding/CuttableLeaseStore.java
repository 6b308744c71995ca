package ai.litellm.operator.sharding;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * A Lease store that can be cut off from the API server: every call fails while {@link #cut} is set (a partition).
 * Every call first runs {@code beforeEachCall}, with which a test can also hold the calls back.
 */
public final class CuttableLeaseStore implements LeaseStore {
  private final LeaseStore delegate;
  private final Runnable beforeEachCall;
  private volatile boolean cut;

  public CuttableLeaseStore(LeaseStore delegate) {
    this(delegate, () -> { });
  }

  public CuttableLeaseStore(LeaseStore delegate, Runnable beforeEachCall) {
    this.delegate = delegate;
    this.beforeEachCall = beforeEachCall;
  }

  public void cut(boolean cut) {
    this.cut = cut;
  }

  private void check() {
    beforeEachCall.run();
    if (cut) {
      throw new KubernetesClientException("injected partition: API server unreachable");
    }
  }

  @Override
  public Lease get(String name) {
    check();
    return delegate.get(name);
  }

  @Override
  public List<Lease> list(Map<String, String> labels) {
    check();
    return delegate.list(labels);
  }

  @Override
  public Lease create(Lease lease) {
    check();
    return delegate.create(lease);
  }

  @Override
  public Lease update(Lease lease) {
    check();
    return delegate.update(lease);
  }

  @Override
  public void delete(String name) {
    check();
    delegate.delete(name);
  }
}
