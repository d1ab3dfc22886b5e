package io.github.mqttboot.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API is documented: every public and protected type, constructor, method, field,
 * annotation attribute and record component of the packages that applications use has Javadoc
 * with its {@code @param}, {@code @return} and {@code @throws}, and every public top-level type
 * an {@code @since}. The main sources are compiled with javac's doclint on those packages; the
 * published Javadoc itself is built with every check but "missing" and fails on any warning.
 *
 * @author mqtt-spring-boot-starter
 */
class ApiJavadocTests {

	/** The packages applications use. */
	static final List<String> API_PACKAGES = List.of("io.github.mqttboot.annotation", "io.github.mqttboot.core",
			"io.github.mqttboot.client", "io.github.mqttboot.listener", "io.github.mqttboot.actuate");

	static final Path SOURCES = Path.of("src/main/java");

	private static final List<String> problems = new ArrayList<>();

	private static final List<String> missingSince = new ArrayList<>();

	private static int apiTypes;

	@BeforeAll
	static void compileWithDoclint(@TempDir Path classes) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
				"-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-Xdoclint:all/protected",
				"-Xdoclint/package:" + String.join(",", API_PACKAGES));
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8); Stream<Path> tree = Files.walk(SOURCES)) {
			List<Path> sources = tree.filter((path) -> path.toString().endsWith(".java")).toList();
			JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, options, null,
					files.getJavaFileObjectsFromPaths(sources));
			Iterable<? extends CompilationUnitTree> units = task.parse();
			DocTrees trees = DocTrees.instance(task);
			for (CompilationUnitTree unit : units) {
				if (unit.getPackageName() != null && API_PACKAGES.contains(unit.getPackageName().toString())) {
					checkSince(trees, unit);
				}
			}
			task.analyze();
		}
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR || diagnostic.getKind() == Diagnostic.Kind.WARNING
					|| diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
				problems.add(where(diagnostic) + ": " + diagnostic.getMessage(Locale.ROOT));
			}
		}
	}

	private static void checkSince(DocTrees trees, CompilationUnitTree unit) {
		for (Tree declaration : unit.getTypeDecls()) {
			if (declaration instanceof ClassTree type && type.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
				apiTypes++;
				DocCommentTree doc = trees.getDocCommentTree(TreePath.getPath(unit, type));
				boolean since = doc != null
						&& doc.getBlockTags().stream().anyMatch((tag) -> tag.getKind() == DocTree.Kind.SINCE);
				if (!since) {
					missingSince.add(unit.getPackageName() + "." + type.getSimpleName());
				}
			}
		}
	}

	private static String where(Diagnostic<? extends JavaFileObject> diagnostic) {
		if (diagnostic.getSource() == null) {
			return "javac";
		}
		Path file = Path.of(diagnostic.getSource().toUri());
		return SOURCES.toAbsolutePath().relativize(file) + ":" + diagnostic.getLineNumber();
	}

	@Test
	void everyPublicMemberOfTheApiPackagesHasJavadoc() {
		assertThat(problems).as("Javadoc problems in " + API_PACKAGES).isEmpty();
	}

	@Test
	void everyPublicTypeOfTheApiPackagesSaysSinceWhen() {
		assertThat(apiTypes).as("public types in " + API_PACKAGES).isGreaterThan(40);
		assertThat(missingSince).as("public types without @since").isEmpty();
	}

}
