package io.fraudstream.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and a broker certificate it signed for {@code localhost} and
 * {@code 127.0.0.1}, written as PKCS12 stores: the broker's key store (key and chain) and the
 * clients' trust store (the CA alone), so clients verify the broker's name as in production.
 *
 * @param keyStore the broker's PKCS12 key store
 * @param trustStore the clients' PKCS12 trust store
 * @param password the password of both stores and of the broker's key
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {

    private static final String SIGNATURE = "SHA256withECDSA";

    /** Generates the CA and the broker certificate, valid for a day, into {@code dir}. */
    public static TestCertificates generate(Path dir, String password) throws IOException {
        try {
            Instant now = Instant.now();
            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=fraudstream test CA");
            X509v3CertificateBuilder ca =
                    builder(caName, caName, caKeys, now)
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(ca, caKeys);

            KeyPair brokerKeys = keyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder broker =
                    builder(caName, new X500Name("CN=localhost"), brokerKeys, now)
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.digitalSignature))
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    false,
                                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                            // Clients check the name they dialled against these (https
                            // endpoint identification, Kafka's default).
                            .addExtension(
                                    Extension.subjectAlternativeName,
                                    false,
                                    new GeneralNames(
                                            new GeneralName[] {
                                                new GeneralName(GeneralName.dNSName, "localhost"),
                                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                                            }))
                            .addExtension(
                                    Extension.authorityKeyIdentifier,
                                    false,
                                    extensions.createAuthorityKeyIdentifier(caCert));
            X509Certificate brokerCert = sign(broker, caKeys);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "broker",
                    brokerKeys.getPrivate(),
                    password.toCharArray(),
                    new Certificate[] {brokerCert, caCert});
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TestCertificates stores =
                    new TestCertificates(
                            dir.resolve("broker.keystore.p12"),
                            dir.resolve("truststore.p12"),
                            password);
            write(keys, stores.keyStore(), password);
            write(trust, stores.trustStore(), password);
            return stores;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test certificates", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        // EC keys generate in milliseconds; RSA 2048 would cost a good part of a second each.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Instant now) {
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(
                                new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
    }

    private static void write(KeyStore store, Path file, String password)
            throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
