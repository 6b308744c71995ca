package ai.litellm.operator.testing.realcluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against its own real Kubernetes v1.20.2 control plane (see
 * {@link RealClusterExtension}) and tags it {@value #TAG}. Test and lifecycle methods can take a
 * {@link io.fabric8.kubernetes.client.KubernetesClient} (admin) or the
 * {@link ai.litellm.operator.sandbox.realcluster.RealControlPlane} as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(RealCluster.TAG)
@ExtendWith(RealClusterExtension.class)
public @interface RealCluster {

  String TAG = "real-cluster";

  /**
   * Also run kube-controller-manager: needed for garbage collection, namespace deletion and default
   * ServiceAccounts; costs ~5 s of start time and ~100 MB.
   */
  boolean controllerManager() default true;
}
