package io.github.mqttboot.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.github.mqttboot.autoconfigure.MqttProperties;
import io.github.mqttboot.docs.MarkdownDocument.CodeBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The README's code works as pasted. Every Java snippet is read from {@code README.md} and
 * compiled against this module's test classpath: the starter, its optional dependencies,
 * {@code mqtt-spring-boot-test} and Spring Boot's test support, as an application with the
 * dependencies of the README's first step has them. Snippets that declare the same package are
 * compiled together, as one project would hold them (the test of the five steps uses the service
 * of step 4), so each must show its package, its imports and the records it uses. A snippet that
 * cannot be complete is marked {@code <!-- not compiled: reason -->} on the line before its
 * fence. Every YAML snippet is parsed, and its {@code mqtt.*} keys must be properties of the
 * configuration metadata and bind to {@link MqttProperties}.
 *
 * @author mqtt-spring-boot-starter
 */
class ReadmeSnippetsTests {

	static final Path README = Path.of("../README.md");

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
				Pattern.MULTILINE);

	private final MarkdownDocument readme = MarkdownDocument.read(README);

	@Test
	void everyJavaSnippetCompiles(@TempDir Path classes) throws IOException {
		List<CodeBlock> snippets = this.readme.blocks("java")
			.stream()
			.filter((snippet) -> !snippet.isMarkedNotCompiled())
			.toList();
		assertThat(snippets).as("Java snippets in the README").hasSizeGreaterThanOrEqualTo(8);
		Map<String, List<CodeBlock>> byPackage = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (CodeBlock snippet : snippets) {
			Matcher declaration = PACKAGE.matcher(snippet.content());
			if (declaration.find()) {
				byPackage.computeIfAbsent(declaration.group(1), (name) -> new ArrayList<>()).add(snippet);
			}
			else {
				problems.add(snippet.where() + ": no package declaration; show the snippet complete as pasted "
						+ "(package, imports, the records it uses) or mark it <!-- not compiled: reason -->");
			}
		}
		for (Map.Entry<String, List<CodeBlock>> group : byPackage.entrySet()) {
			problems.addAll(compile(group.getKey(), group.getValue(), classes.resolve(group.getKey())));
		}
		assertThat(problems).as("README Java snippets that do not compile").isEmpty();
	}

	@Test
	void everySnippetLeftUncompiledSaysWhy() {
		List<String> unexplained = this.readme.blocks("java")
			.stream()
			.filter((snippet) -> snippet.isMarkedNotCompiled() && snippet.notCompiledReason().isBlank())
			.map(CodeBlock::where)
			.toList();
		assertThat(unexplained).as("snippets marked <!-- not compiled: --> without a reason").isEmpty();
	}

	@Test
	void everyYamlSnippetParsesAndItsMqttKeysAreBoundProperties() throws IOException {
		List<CodeBlock> snippets = this.readme.blocks("yaml", "yml");
		assertThat(snippets).as("YAML snippets in the README").hasSizeGreaterThanOrEqualTo(4);
		MqttNames names = MqttNames.load();
		List<String> problems = new ArrayList<>();
		int bound = 0;
		for (CodeBlock snippet : snippets) {
			Map<String, Object> mqtt = mqttEntries(snippet);
			for (String key : mqtt.keySet()) {
				String name = key.replaceAll("\\[\\d+]", "");
				if (!names.isProperty(name)) {
					problems.add(snippet.where() + ": '" + key + "' is not a property in the configuration metadata");
				}
			}
			if (mqtt.isEmpty()) {
				continue;
			}
			try {
				bind(mqtt);
				bound++;
			}
			catch (BindException ex) {
				problems.add(snippet.where() + ": does not bind to MqttProperties: " + rootMessage(ex));
			}
		}
		assertThat(problems).as("README YAML snippets").isEmpty();
		assertThat(bound).as("YAML snippets with mqtt.* keys").isGreaterThanOrEqualTo(3);
	}

	@Test
	void aSnippetThatDoesNotCompileIsReported(@TempDir Path classes) throws IOException {
		CodeBlock broken = new CodeBlock(README, "java", """
				package com.example.broken;

				class Broken {

					void send(MqttTemplate mqtt) {
					}

				}
				""", 10, "");
		assertThat(compile("com.example.broken", List.of(broken), classes))
			.singleElement(STRING)
			.startsWith("README.md:14: ")
			.contains("MqttTemplate");
	}

	@Test
	void aYamlKeyThatIsNoPropertyOrDoesNotConvertIsReported() throws IOException {
		MqttNames names = MqttNames.load();
		assertThat(names.isProperty("mqtt.reconnect.max-delay")).isTrue();
		assertThat(names.isProperty("mqtt.reconnect.maximum-delay")).isFalse();
		CodeBlock wrongType = new CodeBlock(README, "yaml", "mqtt:\n  keep-alive: often\n", 1, "");
		assertThat(mqttEntries(wrongType)).containsOnlyKeys("mqtt.keep-alive");
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(mqttEntries(wrongType)));
		CodeBlock unknown = new CodeBlock(README, "yaml", "mqtt:\n  reconnect:\n    maximum-delay: 5s\n", 1, "");
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(mqttEntries(unknown)));
	}

	/**
	 * Compiles snippets of one package.
	 * @param packageName the package they declare
	 * @param snippets the snippets
	 * @param classes where the class files go
	 * @return the errors, each with its README line
	 */
	private static List<String> compile(String packageName, List<CodeBlock> snippets, Path classes)
			throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		Map<JavaFileObject, CodeBlock> sources = new LinkedHashMap<>();
		for (CodeBlock snippet : snippets) {
			sources.put(new Snippet(packageName, snippet), snippet);
		}
		Files.createDirectories(classes);
		List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
				"-proc:none", "-parameters", "-encoding", "UTF-8");
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			compiler.getTask(null, files, diagnostics, options, null, sources.keySet()).call();
		}
		List<String> errors = new ArrayList<>();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
				continue;
			}
			CodeBlock snippet = sources.get(diagnostic.getSource());
			String where = (snippet != null)
					? snippet.path().getFileName() + ":" + (snippet.line() + diagnostic.getLineNumber() - 1)
					: packageName;
			errors.add(where + ": " + diagnostic.getMessage(Locale.ROOT).lines().map(String::strip).collect(Collectors.joining("; ")));
		}
		return errors;
	}

	/**
	 * Reads a YAML snippet as Spring Boot reads {@code application.yml}.
	 * @param snippet the snippet
	 * @return its {@code mqtt.*} entries, keys as Boot flattens them ({@code a.b[0]})
	 */
	private static Map<String, Object> mqttEntries(CodeBlock snippet) throws IOException {
		ByteArrayResource resource = new ByteArrayResource(snippet.content().getBytes(StandardCharsets.UTF_8),
				snippet.where());
		Map<String, Object> entries = new LinkedHashMap<>();
		for (PropertySource<?> document : new YamlPropertySourceLoader().load(snippet.where(), resource)) {
			EnumerablePropertySource<?> source = (EnumerablePropertySource<?>) document;
			for (String key : source.getPropertyNames()) {
				Object value = source.getProperty(key);
				if (key.startsWith("mqtt.")) {
					entries.put(key, (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value);
				}
			}
		}
		return entries;
	}

	/**
	 * Binds {@code mqtt.*} entries to {@link MqttProperties}, as the application context does;
	 * placeholders stay as written. Fails on a value that does not convert and on a key that
	 * binds to nothing.
	 * @param entries the entries
	 * @return the bound properties
	 */
	private static MqttProperties bind(Map<String, Object> entries) {
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(entries)), null,
				ApplicationConversionService.getSharedInstance());
		return binder.bind("mqtt", Bindable.of(MqttProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).get();
	}

	private static String rootMessage(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(cause.getMessage());
		}
		return messages.stream().collect(Collectors.joining(": "));
	}

	/** A README snippet as a source file, named after its public type if it has one. */
	private static final class Snippet extends SimpleJavaFileObject {

		private final String content;

		Snippet(String packageName, CodeBlock snippet) {
			super(URI.create("string:///" + packageName.replace('.', '/') + "/" + fileName(snippet)),
					Kind.SOURCE);
			this.content = snippet.content();
		}

		private static String fileName(CodeBlock snippet) {
			Matcher publicType = PUBLIC_TYPE.matcher(snippet.content());
			return (publicType.find() ? publicType.group(1) : "ReadmeLine" + snippet.line()) + ".java";
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.content;
		}

	}

}
