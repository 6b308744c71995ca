package ai.litellm.operator.cli;

import ai.litellm.operator.api.LiteLLMInstance;
import ai.litellm.operator.api.Credential;
import ai.litellm.operator.api.Model;
import ai.litellm.operator.api.SecretRef;
import ai.litellm.operator.config.OperatorConfig;
import ai.litellm.operator.kube.CrdValidator;
import ai.litellm.operator.render.ConfigYaml;
import ai.litellm.operator.render.GatewayParentRef;
import ai.litellm.operator.render.InstanceNames;
import ai.litellm.operator.render.InstanceRenderer;
import ai.litellm.operator.render.CredentialKeys;
import ai.litellm.operator.render.LiteLLMKeys;
import ai.litellm.operator.render.Manifests;
import ai.litellm.operator.render.ModelPayload;
import ai.litellm.operator.render.ModelPayloadRenderer;
import ai.litellm.operator.render.ModelSecretKeys;
import ai.litellm.operator.render.OperatorSettings;
import ai.litellm.operator.render.RenderException;
import ai.litellm.operator.render.RenderedInstance;
import ai.litellm.operator.render.ResolvedInstanceInputs;
import ai.litellm.operator.render.SecretData;
import ai.litellm.operator.render.SecretSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Offline preview: prints what the operator would apply for the LiteLLMInstances and Models in a file, without a
 * cluster. Secret values never reach the output: the printed {@code <n>-secrets} shows placeholders, Model payloads
 * show {@code <redacted>} for credentials. Because the real master and salt keys are not known offline, the printed
 * config-hash annotation differs from the one the operator computes.
 */
@Command(name = "render", mixinStandardHelpOptions = true, showDefaultValues = true, modelTransformer = RenderCommand.WithSettings.class,
    description = "Print the Kubernetes objects (LiteLLMInstance) and LiteLLM /model/new payloads (Model) the operator"
        + " would apply for the resources in a file, offline. Exit code 2 on invalid input.")
public class RenderCommand implements Callable<Integer> {
  static final String GENERATED = "<generated at apply time>";
  static final String REDACTED = "<redacted>";
  /** Stands in for metadata.uid, which only the API server assigns. */
  static final String OFFLINE_UID = "00000000-0000-0000-0000-000000000000";
  private static final java.util.Set<String> RENDERED_KINDS = java.util.Set.of("LiteLLMInstance", "Model", "Secret");

  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE|DIR|-",
      description = "YAML with LiteLLMInstance and/or Model documents: a file, a directory (its *.yaml and *.yml "
          + "files, sorted) or - for standard input. Repeatable.")
  List<String> files;

  @Option(names = "--secrets", paramLabel = "FILE|DIR",
      description = "YAML with the Secrets the resources reference (a file or a directory)")
  String secrets;

  /** The operator's own settings that change what is rendered: the same flags (and variables) as `run`. */
  final OperatorOptions options = new OperatorOptions();

  @Spec
  CommandSpec spec;

  private final Map<String, CrdValidator> schemas = new HashMap<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OperatorConfig cfg = options.toConfig();
    try {
      List<HasMetadata> resources = new ArrayList<>();
      for (String f : files) {
        resources.addAll(parse(f));
      }
      List<Secret> available = new ArrayList<>();
      if (secrets != null) {
        for (HasMetadata doc : parse(secrets)) {
          if (doc instanceof Secret s) {
            available.add(s);
          }
        }
      }
      resources.stream().filter(Secret.class::isInstance).map(Secret.class::cast).forEach(available::add);
      StringBuilder text = new StringBuilder();
      int rendered = 0;
      for (HasMetadata resource : resources) {
        if (resource instanceof LiteLLMInstance instance) {
          text.append(renderInstance(instance, available, cfg));
          rendered++;
        } else if (resource instanceof Model model) {
          text.append(renderModel(model, available, cfg));
          rendered++;
        } else if (resource instanceof Credential credential) {
          text.append(renderCredential(credential, available, cfg));
          rendered++;
        }
      }
      if (rendered == 0) {
        err.println("error: " + String.join(", ", files) + " holds no LiteLLMInstance, Model or Credential");
        return 2;
      }
      out.print(text);
      out.flush();
      return 0;
    } catch (RenderException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("error: cannot read " + e.getMessage());
      return 2;
    }
  }

  private String renderInstance(LiteLLMInstance instance, List<Secret> available, OperatorConfig cfg) {
    withOfflineUid(instance);
    String namespace = instance.getMetadata().getNamespace();
    String ownSecretName = InstanceNames.secret(instance.getMetadata().getName());
    Map<String, SecretSnapshot> snapshots = new TreeMap<>();
    Map<String, String> existingOwn = Map.of();
    for (Secret s : available) {
      if (sameNamespace(s, namespace)) {
        snapshots.put(s.getMetadata().getName(), SecretData.snapshot(s));
        if (s.getMetadata().getName().equals(ownSecretName)) {
          existingOwn = SecretData.decode(s);
        }
      }
    }
    // Placeholders stand in for the keys: the real values are chosen at apply time and must not be printed.
    String master = existingOwn.containsKey(InstanceNames.MASTER_KEY) || notBlank(instance.getSpec().masterKey)
        ? REDACTED : GENERATED;
    String salt = existingOwn.containsKey(InstanceNames.SALT_KEY) ? REDACTED : GENERATED;
    GatewayParentRef parent = notBlank(cfg.gatewayParentName) ? new GatewayParentRef(cfg.gatewayParentName,
        blankToNull(cfg.gatewayParentNamespace), blankToNull(cfg.gatewayParentSectionName)) : null;
    RenderedInstance rendered = InstanceRenderer.render(instance, new ResolvedInstanceInputs(master, salt, snapshots,
        new OperatorSettings(parent, blankToNull(cfg.ingressClassName))));
    StringBuilder text = new StringBuilder();
    for (HasMetadata object : rendered.all()) {
      HasMetadata printable = object instanceof Secret s ? redacted(s, master, salt) : object;
      text.append(document(Serialization.asYaml(printable)));
    }
    return text.toString();
  }

  private static Secret redacted(Secret secret, String master, String salt) {
    SortedMap<String, String> placeholders = new TreeMap<>();
    secret.getData().keySet().forEach(k -> placeholders.put(k, REDACTED));
    placeholders.put(InstanceNames.MASTER_KEY, master);
    placeholders.put(InstanceNames.SALT_KEY, salt);
    return new SecretBuilder(secret).withData(null).withStringData(placeholders).build();
  }

  private String renderModel(Model model, List<Secret> available, OperatorConfig cfg) {
    withOfflineUid(model);
    String namespace = model.getMetadata().getNamespace();
    Map<String, String> secretData = Map.of();
    SecretRef ref = model.getSpec() == null ? null : model.getSpec().modelSecretRef;
    if (ref != null && notBlank(ref.secretName)) {
      String secretNamespace = notBlank(ref.namespace) ? ref.namespace : namespace;
      Secret secret = available.stream()
          .filter(s -> sameNamespace(s, secretNamespace) && ref.secretName.equals(s.getMetadata().getName()))
          .findFirst()
          .orElseThrow(() -> new ai.litellm.operator.render.DependencyMissingException("Secret " + secretNamespace
              + "/" + ref.secretName + " (spec.modelSecretRef of Model " + namespace + "/"
              + model.getMetadata().getName() + ") is not in --secrets"));
      secretData = SecretData.decode(secret);
    }
    String connection = connectionIdentity(model);
    // The running operator derives the install id from the cluster; offline, a placeholder stands in.
    String installId = notBlank(cfg.installId) ? cfg.installId : "<install-id>";
    ModelPayload payload = ModelPayloadRenderer.render(model, secretData, connection, installId);
    JsonObject body = payload.body();
    JsonObject params = body.getJsonObject("litellm_params");
    for (String param : params.fieldNames()) {
      boolean fromSecret = ModelSecretKeys.TO_PARAM.containsValue(param) && secretData.entrySet().stream()
          .anyMatch(e -> param.equals(ModelSecretKeys.TO_PARAM.get(e.getKey())) && notBlank(e.getValue()));
      if (CredentialKeys.isCredential(param) || fromSecret) {
        params.put(param, REDACTED);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>(body.getMap());
    String header = "# LiteLLM POST /model/new for Model " + namespace + "/" + model.getMetadata().getName()
        + " via " + connection + "\n";
    return document(header + ConfigYaml.write(doc));
  }

  /** The body of LiteLLM's POST /credentials for a Credential, its values redacted (they come from its Secret). */
  private String renderCredential(Credential credential, List<Secret> available, OperatorConfig cfg) {
    withOfflineUid(credential);
    String namespace = credential.getMetadata().getNamespace();
    var ref = credential.getSpec() == null ? null : credential.getSpec().secretRef;
    Map<String, String> secretData = Map.of();
    if (ref != null && notBlank(ref.secretName)) {
      String secretNamespace = notBlank(ref.namespace) ? ref.namespace : namespace;
      Secret secret = available.stream()
          .filter(s -> sameNamespace(s, secretNamespace) && ref.secretName.equals(s.getMetadata().getName()))
          .findFirst()
          .orElseThrow(() -> new ai.litellm.operator.render.DependencyMissingException("Secret " + secretNamespace
              + "/" + ref.secretName + " (spec.secretRef of Credential " + namespace + "/"
              + credential.getMetadata().getName() + ") is not in --secrets"));
      secretData = SecretData.decode(secret);
    }
    String connection = ai.litellm.operator.render.ConnectionTargets.describe(namespace,
        credential.getSpec() == null ? null : credential.getSpec().connectionRef);
    String installId = notBlank(cfg.installId) ? cfg.installId : "<install-id>";
    var payload = ai.litellm.operator.render.CredentialPayloadRenderer.render(credential, secretData, connection,
        installId);
    JsonObject body = payload.body();
    JsonObject values = body.getJsonObject("credential_values");
    values.fieldNames().forEach(k -> values.put(k, REDACTED)); // every value comes from the Secret
    String header = "# LiteLLM POST /credentials for Credential " + namespace + "/" + credential.getMetadata().getName()
        + " via " + connection + "\n";
    return document(header + ConfigYaml.write(new LinkedHashMap<>(body.getMap())));
  }

  /** The API server would reject what breaks the CRD schema: render refuses it the same way, naming the field. */
  private List<String> schemaProblems(String kind, Map<?, ?> document) {
    return schemas.computeIfAbsent(kind, CrdValidator::forKind).validate(document);
  }

  private static String connectionIdentity(Model model) {
    var ref = model.getSpec() == null ? null : model.getSpec().connectionRef;
    String ns = model.getMetadata().getNamespace();
    if (ref != null && ref.secretRef != null && notBlank(ref.secretRef.secretName)) {
      return "secret:" + (notBlank(ref.secretRef.namespace) ? ref.secretRef.namespace : ns) + "/" + ref.secretRef.secretName;
    }
    if (ref != null && ref.instanceRef != null && notBlank(ref.instanceRef.name)) {
      return "instance:" + (notBlank(ref.instanceRef.namespace) ? ref.instanceRef.namespace : ns) + "/"
          + ref.instanceRef.name;
    }
    throw new ai.litellm.operator.render.InvalidSpecException("spec.connectionRef needs exactly one of"
        + " secretRef.secretName and instanceRef.name (Model " + ns + "/" + model.getMetadata().getName() + ")");
  }

  private static void withOfflineUid(HasMetadata resource) {
    if (resource.getMetadata() != null && !notBlank(resource.getMetadata().getUid())) {
      resource.getMetadata().setUid(OFFLINE_UID);
    }
    if (resource.getMetadata() != null && !notBlank(resource.getMetadata().getNamespace())) {
      resource.getMetadata().setNamespace("default");
    }
  }

  private static boolean sameNamespace(Secret s, String namespace) {
    String ns = s.getMetadata().getNamespace();
    return (notBlank(ns) ? ns : "default").equals(namespace);
  }

  private static String document(String yaml) {
    String body = yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    return "---\n" + body + (body.endsWith("\n") ? "" : "\n");
  }

  /** The documents of a file, of every *.yaml / *.yml file of a directory (sorted), or of standard input ("-"). */
  private List<HasMetadata> parse(String source) throws IOException {
    if ("-".equals(source)) {
      return renderable("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Path path = Path.of(source);
    if (!Files.isDirectory(path)) {
      return renderable(source, Files.readString(path, StandardCharsets.UTF_8));
    }
    List<HasMetadata> out = new ArrayList<>();
    try (var entries = Files.list(path)) {
      for (Path f : entries.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .toList()) {
        out.addAll(renderable(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /**
   * The LiteLLMInstances, Models and Secrets of a YAML stream (items of a {@code kind: List} included). Other kinds
   * (the Namespace or database of an example set) are skipped with a note on stderr: they are applied as they are.
   */
  private List<HasMetadata> renderable(String source, String yaml) {
    List<Object> kept = new ArrayList<>();
    java.util.Set<String> skipped = new java.util.TreeSet<>();
    try (var docs = Serialization.yamlMapper().readerFor(Object.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        Object doc = docs.nextValue();
        List<?> items = doc instanceof Map<?, ?> m && "List".equals(m.get("kind")) && m.get("items") instanceof List<?> l
            ? l : java.util.Collections.singletonList(doc);
        for (Object item : items) {
          Object kind = item instanceof Map<?, ?> m ? m.get("kind") : null;
          if (kind == null || RENDERED_KINDS.contains(kind)) {
            kept.add(item); // Manifests reports what is wrong with anything unexpected
          } else {
            skipped.add(String.valueOf(kind));
          }
        }
      }
    } catch (RuntimeException e) {
      // Manifests.parse below reports the YAML error with its position.
      return Manifests.parse(source, yaml, this::schemaProblems);
    }
    if (!skipped.isEmpty()) {
      spec.commandLine().getErr().println("render: " + source + ": skipped " + String.join(", ", skipped)
          + " (only LiteLLMInstance, Model and Secret are rendered)");
    }
    StringBuilder text = new StringBuilder();
    for (Object doc : kept) {
      text.append(doc == null ? "---\n" : document(Serialization.asYaml(doc)));
    }
    return Manifests.parse(source, text.toString(), this::schemaProblems);
  }

  private static String blankToNull(String s) {
    return notBlank(s) ? s : null;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /** The settings that shape rendered objects, with the same flags and variables as `run`. */
  static final class WithSettings implements picocli.CommandLine.IModelTransformer {
    private static final java.util.Set<String> RENDERING = java.util.Set.of("gatewayParentName",
        "gatewayParentNamespace", "gatewayParentSectionName", "ingressClassName", "installId");

    @Override
    public CommandSpec transform(CommandSpec spec) {
      ((RenderCommand) spec.userObject()).options.addTo(spec, s -> RENDERING.contains(s.field()));
      return spec;
    }
  }
}
