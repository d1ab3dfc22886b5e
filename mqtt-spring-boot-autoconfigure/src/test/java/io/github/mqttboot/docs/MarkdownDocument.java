package io.github.mqttboot.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file as the documentation tests read it: its fenced code blocks, its prose with the
 * blocks blanked out, its inline code spans and links, and the anchors GitHub makes of its
 * headings.
 *
 * @author mqtt-spring-boot-starter
 */
final class MarkdownDocument {

	private static final Pattern FENCE_OPEN = Pattern.compile("^(\\s*)```\\s*([\\w+-]*)\\s*$");

	private static final Pattern FENCE_CLOSE = Pattern.compile("^\\s*```\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");

	// [text](target) and ![alt](target), with an optional "title"
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern NOT_COMPILED = Pattern.compile("^<!--\\s*not compiled:(.*?)-->$");

	private final Path path;

	private final List<String> lines;

	private final List<CodeBlock> blocks = new ArrayList<>();

	/** The lines outside code blocks; a block's lines are empty here, so line numbers hold. */
	private final List<String> prose = new ArrayList<>();

	private MarkdownDocument(Path path, List<String> lines) {
		this.path = path;
		this.lines = lines;
		parse();
	}

	static MarkdownDocument read(Path path) {
		try {
			return new MarkdownDocument(path, Files.readAllLines(path, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void parse() {
		int i = 0;
		while (i < this.lines.size()) {
			Matcher open = FENCE_OPEN.matcher(this.lines.get(i));
			if (!open.matches()) {
				this.prose.add(this.lines.get(i));
				i++;
				continue;
			}
			int indent = open.group(1).length();
			int fenceLine = i;
			List<String> content = new ArrayList<>();
			this.prose.add("");
			i++;
			while (i < this.lines.size() && !FENCE_CLOSE.matcher(this.lines.get(i)).matches()) {
				String line = this.lines.get(i);
				content.add(line.substring(Math.min(indent, leadingSpaces(line))));
				this.prose.add("");
				i++;
			}
			if (i < this.lines.size()) {
				this.prose.add("");
				i++;
			}
			this.blocks.add(new CodeBlock(this.path, open.group(2).toLowerCase(Locale.ROOT), String.join("\n", content),
					fenceLine + 2, previousNonBlank(fenceLine)));
		}
	}

	private static int leadingSpaces(String line) {
		int count = 0;
		while (count < line.length() && line.charAt(count) == ' ') {
			count++;
		}
		return count;
	}

	private String previousNonBlank(int index) {
		for (int i = index - 1; i >= 0; i--) {
			if (!this.lines.get(i).isBlank()) {
				return this.lines.get(i).trim();
			}
		}
		return "";
	}

	Path path() {
		return this.path;
	}

	/**
	 * Returns the fenced code blocks in a language.
	 * @param languages the info strings to accept, for example {@code java}
	 * @return the blocks, in document order
	 */
	List<CodeBlock> blocks(String... languages) {
		Set<String> accepted = Set.of(languages);
		return this.blocks.stream().filter((block) -> accepted.contains(block.language())).toList();
	}

	/**
	 * Returns the inline code spans outside code blocks.
	 * @return the spans, each with its line number
	 */
	List<Located> codeSpans() {
		return find(CODE_SPAN);
	}

	/**
	 * Returns the targets of the links outside code blocks and code spans.
	 * @return the targets, each with its line number
	 */
	List<Located> links() {
		List<Located> links = new ArrayList<>();
		for (int i = 0; i < this.prose.size(); i++) {
			Matcher matcher = LINK.matcher(CODE_SPAN.matcher(this.prose.get(i)).replaceAll(""));
			while (matcher.find()) {
				links.add(new Located(this.path, i + 1, matcher.group(1)));
			}
		}
		return links;
	}

	/**
	 * Returns the anchors GitHub gives the headings: lower case, without punctuation but
	 * {@code -} and {@code _}, spaces as {@code -}, a repeated one numbered.
	 * @return the anchors
	 */
	Set<String> anchors() {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : this.prose) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	static String slug(String heading) {
		String text = LINK.matcher(heading).replaceAll((link) -> {
			String whole = link.group();
			return Matcher.quoteReplacement(whole.substring(whole.indexOf('[') + 1, whole.indexOf("](")));
		});
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
	}

	private List<Located> find(Pattern pattern) {
		List<Located> found = new ArrayList<>();
		for (int i = 0; i < this.prose.size(); i++) {
			Matcher matcher = pattern.matcher(this.prose.get(i));
			while (matcher.find()) {
				found.add(new Located(this.path, i + 1, matcher.group(1)));
			}
		}
		return found;
	}

	/**
	 * A fenced code block.
	 *
	 * @param path the file
	 * @param language its info string, lower case, empty when none
	 * @param content its lines, without the fence's indentation
	 * @param line the line number of its first content line
	 * @param previousLine the nearest non-blank line before its fence
	 */
	record CodeBlock(Path path, String language, String content, int line, String previousLine) {

		/**
		 * Returns why the block is deliberately not compiled, when the line before its fence is
		 * {@code <!-- not compiled: reason -->}.
		 * @return the reason, empty when it is compiled, blank when the marker gives none
		 */
		String notCompiledReason() {
			Matcher marker = NOT_COMPILED.matcher(this.previousLine);
			return marker.matches() ? marker.group(1).trim() : "";
		}

		boolean isMarkedNotCompiled() {
			return NOT_COMPILED.matcher(this.previousLine).matches();
		}

		String where() {
			return this.path.getFileName() + ":" + this.line;
		}

	}

	/**
	 * A piece of text and where it is.
	 *
	 * @param path the file
	 * @param line the line number
	 * @param text the text
	 */
	record Located(Path path, int line, String text) {

		String where() {
			return this.path.getFileName() + ":" + this.line;
		}

	}

}
