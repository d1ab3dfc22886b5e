package io.github.mqttboot.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Topic filters by level, so that the filters a topic matches are found in one walk down the
 * topic's levels rather than by testing every filter. Immutable: built whole when the filters
 * change. Looking a topic up allocates nothing, as it runs for every inbound message.
 *
 * @param <T> what each filter leads to
 * @author mqtt-spring-boot-starter
 */
final class FilterTree<T> {

	private final Node root;

	private FilterTree(Node root) {
		this.root = root;
	}

	/**
	 * Builds the tree of some filters.
	 * @param <T> what each filter leads to
	 * @param values what each filter, possibly shared, leads to
	 * @return the tree
	 */
	static <T> FilterTree<T> of(Map<String, T> values) {
		Builder root = new Builder();
		values.forEach((filter, value) -> {
			Builder node = root;
			for (String level : TopicFilters.stripShare(filter).split("/", -1)) {
				node = node.children.computeIfAbsent(level, (key) -> new Builder());
			}
			node.values.add(value);
		});
		return new FilterTree<>(root.freeze());
	}

	/**
	 * Calls the visitor once with each value whose filter matches the topic, by the rules of
	 * {@link TopicFilters#matches(String, String)}.
	 * @param <A> the visitor's argument
	 * @param topic the topic of a message
	 * @param argument passed on to the visitor, so that it needs to capture nothing
	 * @param visitor what to do with each match
	 */
	<A> void forEachMatch(String topic, A argument, Visitor<? super T, ? super A> visitor) {
		// a topic starting with '$' is not matched by a wildcard in the first level
		boolean system = !topic.isEmpty() && topic.charAt(0) == '$';
		walk(this.root, topic, 0, system, argument, visitor);
	}

	private <A> void walk(Node node, String topic, int start, boolean noWildcard, A argument,
			Visitor<? super T, ? super A> visitor) {
		if (start > topic.length()) {
			// the topic has ended: filters ending here match, and so do those ending in "/#" here
			visit(node.values, argument, visitor);
			if (node.multiLevel != null) {
				visit(node.multiLevel.values, argument, visitor);
			}
			return;
		}
		if (!noWildcard && node.multiLevel != null) {
			visit(node.multiLevel.values, argument, visitor);
		}
		int end = TopicFilters.levelEnd(topic, start);
		Node exact = node.child(topic, start, end);
		if (exact != null) {
			walk(exact, topic, end + 1, false, argument, visitor);
		}
		if (!noWildcard && node.singleLevel != null) {
			walk(node.singleLevel, topic, end + 1, false, argument, visitor);
		}
	}

	@SuppressWarnings("unchecked")
	private <A> void visit(Object[] values, A argument, Visitor<? super T, ? super A> visitor) {
		for (Object value : values) {
			visitor.visit((T) value, argument);
		}
	}

	/** The level's hash, as {@link String#hashCode()} computes it for the level alone. */
	private static int hash(String text, int start, int end) {
		int hash = 0;
		for (int i = start; i < end; i++) {
			hash = 31 * hash + text.charAt(i);
		}
		return hash;
	}

	private static int slot(int hash, int mask) {
		return (hash ^ (hash >>> 16)) & mask;
	}

	/**
	 * What to do with each value a topic matches.
	 * @param <T> the values
	 * @param <A> the argument passed along
	 */
	@FunctionalInterface
	interface Visitor<T, A> {

		void visit(T value, A argument);

	}

	/**
	 * One level of the filters: the values of filters that end here, the children by literal
	 * level in an open-addressing table, and the wildcard children apart.
	 */
	private static final class Node {

		private static final Node[] NO_NODES = {};

		private static final String[] NO_LEVELS = {};

		private final Object[] values;

		private final String[] levels;

		private final Node[] children;

		private final Node singleLevel;

		private final Node multiLevel;

		Node(Object[] values, String[] levels, Node[] children, Node singleLevel, Node multiLevel) {
			this.values = values;
			this.levels = levels;
			this.children = children;
			this.singleLevel = singleLevel;
			this.multiLevel = multiLevel;
		}

		/** The child for the topic's level from {@code start} to {@code end}, compared in place. */
		Node child(String topic, int start, int end) {
			String[] levels = this.levels;
			if (levels.length == 0) {
				return null;
			}
			int length = end - start;
			int mask = levels.length - 1;
			for (int i = slot(hash(topic, start, end), mask);; i = (i + 1) & mask) {
				String level = levels[i];
				if (level == null) {
					return null;
				}
				if (level.length() == length && level.regionMatches(0, topic, start, length)) {
					return this.children[i];
				}
			}
		}

	}

	/** A node while the tree is built. */
	private static final class Builder {

		private final Map<String, Builder> children = new HashMap<>();

		private final List<Object> values = new ArrayList<>();

		Node freeze() {
			Builder single = this.children.remove("+");
			Builder multi = this.children.remove("#");
			String[] levels = Node.NO_LEVELS;
			Node[] nodes = Node.NO_NODES;
			if (!this.children.isEmpty()) {
				// at most half full, so that a miss ends soon
				int size = Integer.highestOneBit(this.children.size() * 2 - 1) << 1;
				levels = new String[size];
				nodes = new Node[size];
				for (Map.Entry<String, Builder> child : this.children.entrySet()) {
					int i = slot(child.getKey().hashCode(), size - 1);
					while (levels[i] != null) {
						i = (i + 1) & (size - 1);
					}
					levels[i] = child.getKey();
					nodes[i] = child.getValue().freeze();
				}
			}
			return new Node(this.values.toArray(), levels, nodes, (single != null) ? single.freeze() : null,
					(multi != null) ? multi.freeze() : null);
		}

	}

}
