package io.github.mqttboot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PEM certificates made at test time with {@code openssl} (EC P-256, so it is quick): a CA, a
 * server certificate for {@code localhost}/{@code 127.0.0.1}, a server certificate for another
 * host, a client certificate, an expired client certificate and a second, unknown CA with a
 * server certificate for {@code localhost} of its own. Every
 * file is {@code <name>.crt} with {@code <name>.key} in the given directory.
 */
public final class TestCertificates {

	/** The host name of {@link #otherHostServer()}: never the one a test connects to. */
	public static final String OTHER_HOST = "mqtt.example.org";

	private final Path directory;

	private TestCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Makes every certificate in the directory.
	 * @param directory a temporary directory
	 * @return the certificates
	 */
	public static TestCertificates create(Path directory) {
		TestCertificates certificates = new TestCertificates(directory);
		certificates.make();
		return certificates;
	}

	public Path ca() {
		return crt("ca");
	}

	public Path unknownCa() {
		return crt("unknown-ca");
	}

	public Path server() {
		return crt("server");
	}

	public Path otherHostServer() {
		return crt("other-host");
	}

	public Path client() {
		return crt("client");
	}

	/** A server certificate for {@code localhost}/{@code 127.0.0.1} of the unknown CA. */
	public Path unknownCaServer() {
		return crt("unknown-ca-server");
	}

	/** Signed by the CA, expired before it was made ({@code -days -1}). */
	public Path expiredClient() {
		return crt("expired-client");
	}

	/**
	 * A PKCS12 key store with a certificate and its private key, for brokers that want one.
	 * @param certificate the certificate
	 * @param password the store's and the key's password
	 * @return the key store file
	 */
	public Path pkcs12(Path certificate, String password) {
		Path store = certificate.resolveSibling(certificate.getFileName() + ".p12");
		openssl("pkcs12", "-export", "-in", certificate.toString(), "-inkey", key(certificate).toString(), "-out",
				store.toString(), "-name", "broker", "-passout", "pass:" + password);
		return store;
	}

	/** The private key of a certificate. */
	public Path key(Path certificate) {
		String name = certificate.getFileName().toString();
		return certificate.resolveSibling(name.substring(0, name.length() - ".crt".length()) + ".key");
	}

	private Path crt(String name) {
		return this.directory.resolve(name + ".crt");
	}

	private void make() {
		selfSigned("ca", "Test CA");
		selfSigned("unknown-ca", "Unknown CA");
		signed("server", "localhost", "DNS:localhost,IP:127.0.0.1", "serverAuth", "2");
		signed("other-host", OTHER_HOST, "DNS:" + OTHER_HOST, "serverAuth", "2");
		signed("unknown-ca", "unknown-ca-server", "localhost", "DNS:localhost,IP:127.0.0.1", "serverAuth", "2");
		signed("client", "client", null, "clientAuth", "2");
		// same key, a certificate whose notAfter is before its notBefore: expired from the start
		copy("client.key", "expired-client.key");
		sign("expired-client", "clientAuth", null, "-1");
	}

	private void selfSigned(String name, String commonName) {
		openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				name + ".key", "-out", name + ".crt", "-subj", "/CN=" + commonName, "-days", "2", "-addext",
				"basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
	}

	private void signed(String name, String commonName, String subjectAltNames, String usage, String days) {
		signed("ca", name, commonName, subjectAltNames, usage, days);
	}

	private void signed(String ca, String name, String commonName, String subjectAltNames, String usage,
			String days) {
		openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
		sign(ca, name, usage, subjectAltNames, days);
	}

	private void sign(String name, String usage, String subjectAltNames, String days) {
		sign("ca", name, usage, subjectAltNames, days);
	}

	private void sign(String ca, String name, String usage, String subjectAltNames, String days) {
		if (!Files.exists(this.directory.resolve(name + ".csr"))) {
			openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
		}
		List<String> extensions = new ArrayList<>(List.of("basicConstraints=CA:FALSE", "extendedKeyUsage=" + usage));
		if (subjectAltNames != null) {
			extensions.add("subjectAltName=" + subjectAltNames);
		}
		write(name + ".ext", String.join("\n", extensions) + "\n");
		openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-set_serial",
				String.valueOf(Math.abs(System.nanoTime() % 1_000_000_000)), "-days", days, "-extfile", name + ".ext",
				"-out", name + ".crt");
	}

	private void openssl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(Arrays.asList(arguments));
		Path log = this.directory.resolve("openssl.log");
		try {
			Process process = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " failed: " + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run openssl", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void copy(String from, String to) {
		try {
			Files.copy(this.directory.resolve(from), this.directory.resolve(to));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(String name, String content) {
		try {
			Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
