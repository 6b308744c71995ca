package ai.litellm.operator.cli;

import ai.litellm.operator.kube.CrdManifests;
import picocli.CommandLine.Command;

/** Prints the CRD manifests, ready for `kubectl apply -f -`. */
@Command(name = "crds", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Print the CRD YAML (LiteLLMInstance and Model).")
public final class CrdsCommand implements Runnable {
  @Override
  public void run() {
    System.out.print(CrdManifests.yaml());
  }
}
