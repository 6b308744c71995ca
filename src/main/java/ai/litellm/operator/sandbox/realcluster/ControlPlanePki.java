package ai.litellm.operator.sandbox.realcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away PKI for one cluster run, made with openssl: a CA, a serving certificate for 127.0.0.1 (used by the
 * apiserver and the controller-manager), an admin client certificate in group system:masters, the service-account
 * signing key pair, and a static token file with one admin token. Valid 30 days; never reused across runs.
 */
final class ControlPlanePki {

  private static final long OPENSSL_TIMEOUT_SECONDS = 120;
  private static final SecureRandom RANDOM = new SecureRandom();

  final Path dir;
  final Path caCert;
  final Path caKey;
  final Path servingCert;
  final Path servingKey;
  final Path adminCert;
  final Path adminKey;
  final Path saKey;
  final Path saPub;
  final Path tokenFile;
  final String adminToken;

  private ControlPlanePki(Path dir, String adminToken) {
    this.dir = dir;
    this.caCert = dir.resolve("ca.crt");
    this.caKey = dir.resolve("ca.key");
    this.servingCert = dir.resolve("serving.crt");
    this.servingKey = dir.resolve("serving.key");
    this.adminCert = dir.resolve("admin.crt");
    this.adminKey = dir.resolve("admin.key");
    this.saKey = dir.resolve("sa.key");
    this.saPub = dir.resolve("sa.pub");
    this.tokenFile = dir.resolve("tokens.csv");
    this.adminToken = adminToken;
  }

  static ControlPlanePki create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ControlPlanePki pki = new ControlPlanePki(dir, HexFormat.of().formatHex(randomBytes(32)));
    pki.generate();
    return pki;
  }

  private void generate() throws IOException, InterruptedException {
    // RSA key generation dominates; the four keys are independent, so make them concurrently.
    List<Process> keygens = new ArrayList<>();
    for (Path key : List.of(caKey, servingKey, adminKey, saKey)) {
      keygens.add(start("genrsa", "-out", key.toString(), "2048"));
    }
    for (Process p : keygens) {
      await(p, "genrsa");
    }
    run("rsa", "-in", saKey.toString(), "-pubout", "-out", saPub.toString());
    run("req", "-x509", "-new", "-key", caKey.toString(), "-out", caCert.toString(), "-days", "30",
        "-subj", "/CN=test-ca",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
    sign(servingKey, servingCert, "/CN=kube-apiserver",
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc,IP:10.0.0.1\n"
            + "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
    sign(adminKey, adminCert, "/O=system:masters/CN=admin",
        "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
    Files.writeString(tokenFile, adminToken + ",admin,admin-uid,\"system:masters\"\n", StandardCharsets.UTF_8);
  }

  private void sign(Path key, Path cert, String subject, String extensions) throws IOException, InterruptedException {
    String base = cert.getFileName().toString().replace(".crt", "");
    Path csr = dir.resolve(base + ".csr");
    Path ext = dir.resolve(base + ".ext");
    Files.writeString(ext, extensions, StandardCharsets.UTF_8);
    run("req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", subject);
    // An explicit random serial instead of -CAcreateserial: no shared ca.srl file to race on.
    run("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
        "-set_serial", "0x" + HexFormat.of().formatHex(randomBytes(16)).replaceFirst("^[89a-f]", "1"),
        "-days", "30", "-extfile", ext.toString(), "-out", cert.toString());
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("openssl.log").toFile()))
        .start();
  }

  private void run(String... args) throws IOException, InterruptedException {
    await(start(args), args[0]);
  }

  private void await(Process p, String what) throws IOException, InterruptedException {
    if (!p.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new RealControlPlaneException("openssl " + what + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new RealControlPlaneException(
          "openssl " + what + " failed (exit " + p.exitValue() + "), see " + dir.resolve("openssl.log"));
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
