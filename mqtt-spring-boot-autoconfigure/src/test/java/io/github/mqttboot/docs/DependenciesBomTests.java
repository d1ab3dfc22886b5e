package io.github.mqttboot.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.github.mqttboot.docs.MarkdownDocument.CodeBlock;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM, {@code mqtt-spring-boot-dependencies}, manages every published artifact of the build
 * at the project's version and nothing else (it has no parent, whose dependency management an
 * import would bring along), and the README's Maven snippets name that version.
 *
 * @author mqtt-spring-boot-starter
 */
class DependenciesBomTests {

	private static final Path ROOT = Path.of("..");

	private static final String GROUP = "io.github.mqttboot";

	private static final String BOM = "mqtt-spring-boot-dependencies";

	private static final Pattern DEPENDENCY = Pattern.compile(
			"<groupId>io\\.github\\.mqttboot</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(?:\\s*<version>([^<]+)</version>)?");

	private final Element parent = read(ROOT.resolve("pom.xml"));

	private final Element bom = read(ROOT.resolve(BOM).resolve("pom.xml"));

	@Test
	void managesEveryPublishedArtifactAtTheProjectVersion() {
		assertThat(child(this.bom, "parent")).as("the BOM's parent").isNull();
		assertThat(text(this.bom, "groupId")).isEqualTo(GROUP);
		assertThat(text(this.bom, "packaging")).isEqualTo("pom");
		assertThat(text(this.bom, "version")).isEqualTo(projectVersion());
		Map<String, String> managed = new TreeMap<>();
		Element dependencies = child(child(this.bom, "dependencyManagement"), "dependencies");
		for (Element dependency : children(dependencies, "dependency")) {
			assertThat(text(dependency, "groupId")).isEqualTo(GROUP);
			managed.put(text(dependency, "artifactId"), text(dependency, "version"));
		}
		Map<String, String> expected = new TreeMap<>();
		publishedArtifacts().forEach((artifactId) -> expected.put(artifactId, "${project.version}"));
		assertThat(managed).isEqualTo(expected);
	}

	@Test
	void publishesTheStarterItsCodeAndItsTestSupport() {
		assertThat(publishedArtifacts()).containsExactlyInAnyOrder("mqtt-spring-boot-test",
				"mqtt-spring-boot-autoconfigure", "mqtt-spring-boot-starter");
	}

	@Test
	void theReadmeImportsTheBomAndNamesTheProjectVersion() {
		List<CodeBlock> maven = MarkdownDocument.read(ReadmeSnippetsTests.README).blocks("xml");
		List<String> found = new ArrayList<>();
		boolean imported = false;
		for (CodeBlock block : maven) {
			Matcher dependency = DEPENDENCY.matcher(block.content());
			while (dependency.find()) {
				found.add(dependency.group(1));
				if (dependency.group(2) != null) {
					assertThat(dependency.group(2)).as(block.where() + " " + dependency.group(1))
						.isEqualTo(projectVersion());
				}
				if (dependency.group(1).equals(BOM)) {
					String rest = block.content().substring(dependency.end());
					imported = rest.matches("(?s)\\s*<type>pom</type>\\s*<scope>import</scope>.*");
				}
			}
		}
		assertThat(found).contains(BOM, "mqtt-spring-boot-starter", "mqtt-spring-boot-test");
		assertThat(imported).as("README imports " + BOM + " with <type>pom</type> and <scope>import</scope>")
			.isTrue();
	}

	private String projectVersion() {
		return text(this.parent, "version");
	}

	/**
	 * Returns the artifacts the build publishes: the parent's modules but the BOM, without those
	 * that skip deployment.
	 * @return the artifact ids
	 */
	private List<String> publishedArtifacts() {
		List<String> published = new ArrayList<>();
		for (Element module : children(child(this.parent, "modules"), "module")) {
			String name = module.getTextContent().trim();
			Element pom = read(ROOT.resolve(name).resolve("pom.xml"));
			Element properties = child(pom, "properties");
			boolean skipped = properties != null && "true".equals(text(properties, "maven.deploy.skip"));
			if (!name.equals(BOM) && !skipped) {
				published.add(text(pom, "artifactId"));
			}
		}
		return published;
	}

	private static Element read(Path pom) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(false);
			Document document = factory.newDocumentBuilder().parse(pom.toFile());
			return document.getDocumentElement();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + pom, ex);
		}
	}

	private static Element child(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? null : found.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
