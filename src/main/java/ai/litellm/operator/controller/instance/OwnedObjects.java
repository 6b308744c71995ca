package ai.litellm.operator.controller.instance;

import ai.litellm.operator.kube.Cache;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * Caches of what the instances own (informers with the operator's managed-by label) and of the user Secrets in
 * namespaces that hold instances. Reconciles read live state here; the informers also enqueue the owning instance.
 */
record OwnedObjects(Cache<ConfigMap> configMaps, Cache<Secret> secrets, Cache<Deployment> deployments,
    Cache<Service> services, Cache<Ingress> ingresses, Cache<Secret> userSecrets) {}
