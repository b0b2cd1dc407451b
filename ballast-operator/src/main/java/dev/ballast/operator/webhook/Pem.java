package dev.ballast.operator.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** TLS from PEM files, as a Kubernetes TLS Secret holds them ({@code tls.crt}, {@code tls.key} in PKCS#8). */
public final class Pem {
  private Pem() {}

  public static SSLContext sslContext(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> chain =
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
    PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", key, new char[0], chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new GeneralSecurityException("the key must be PEM PKCS#8 (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt");
    }
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(b64);
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next
      }
    }
    throw new GeneralSecurityException("unsupported private key (RSA, EC or Ed25519 expected)");
  }
}
