package io.github.mqttboot.client;

import java.util.Collection;

/**
 * MQTT topic filter rules: validation, shared-subscription prefixes and matching.
 *
 * @author mqtt-spring-boot-starter
 * @since 0.1.0
 */
public final class TopicFilters {

	static final String SHARE_PREFIX = "$share/";

	private TopicFilters() {
	}

	/**
	 * Checks a topic filter against the MQTT rules.
	 * @param filter the filter, possibly {@code $share/<group>/<filter>}
	 * @throws IllegalArgumentException saying what is wrong
	 */
	public static void validate(String filter) {
		if (filter == null || filter.isEmpty()) {
			throw new IllegalArgumentException("A topic filter must not be empty");
		}
		if (filter.indexOf('\u0000') >= 0) {
			throw new IllegalArgumentException("Topic filter '" + filter + "' contains a null character");
		}
		String plain = filter;
		if (filter.startsWith(SHARE_PREFIX)) {
			int slash = filter.indexOf('/', SHARE_PREFIX.length());
			String group = (slash > 0) ? filter.substring(SHARE_PREFIX.length(), slash) : "";
			if (group.isEmpty() || group.contains("+") || group.contains("#") || slash == filter.length() - 1) {
				throw new IllegalArgumentException(
						"Shared subscription '" + filter + "' must be $share/<group>/<filter> with a group name");
			}
			plain = filter.substring(slash + 1);
		}
		String[] levels = plain.split("/", -1);
		for (int i = 0; i < levels.length; i++) {
			String level = levels[i];
			if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
				throw new IllegalArgumentException(
						"Topic filter '" + filter + "': '#' must be a whole level and the last one");
			}
			if (level.contains("+") && !level.equals("+")) {
				throw new IllegalArgumentException("Topic filter '" + filter + "': '+' must be a whole level");
			}
		}
	}

	/**
	 * Checks a topic name to publish to: no wildcards, not empty.
	 * @param topic the topic
	 * @throws IllegalArgumentException saying what is wrong
	 */
	public static void validateTopicName(String topic) {
		if (topic == null || topic.isEmpty()) {
			throw new IllegalArgumentException("A topic must not be empty");
		}
		if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\u0000') >= 0) {
			throw new IllegalArgumentException("Topic '" + topic + "' must not contain wildcards or null characters");
		}
	}

	/**
	 * Returns the filter without a {@code $share/<group>/} prefix.
	 * @param filter the filter
	 * @return the filter messages are matched against
	 */
	public static String stripShare(String filter) {
		return filter.substring(shareEnd(filter));
	}

	/**
	 * Whether a topic matches a filter ({@code +} one level, {@code #} the rest; topics starting
	 * with {@code $} are not matched by a leading wildcard).
	 * @param filter the filter, possibly shared
	 * @param topic the topic of a message
	 * @return {@code true} if it matches
	 */
	public static boolean matches(String filter, String topic) {
		// called for every message: compares in place, no substring per level
		int f = shareEnd(filter);
		int filterLength = filter.length();
		if (topic.startsWith("$") && f < filterLength && isWildcard(filter.charAt(f))) {
			return false;
		}
		int t = 0;
		int topicLength = topic.length();
		// "<=": a filter ending in '/' has an empty last level
		while (f <= filterLength) {
			int filterEnd = levelEnd(filter, f);
			boolean single = filterEnd - f == 1;
			if (single && filter.charAt(f) == '#') {
				return true;
			}
			if (t > topicLength) {
				return false;
			}
			int topicEnd = levelEnd(topic, t);
			if (!(single && filter.charAt(f) == '+')
					&& !filter.regionMatches(f, topic, t, Math.max(filterEnd - f, topicEnd - t))) {
				return false;
			}
			f = filterEnd + 1;
			t = topicEnd + 1;
			if (f > filterLength && t <= topicLength) {
				return false;
			}
			if (t > topicLength && f <= filterLength) {
				// topic ended: only a trailing "#" (parent level) still matches
				return filterLength - f == 1 && filter.charAt(f) == '#';
			}
		}
		return t > topicLength;
	}

	/**
	 * Whether some topic can match both filters; a leading wildcard is taken to match {@code $}
	 * topics too, erring towards yes.
	 * @param first a filter, possibly shared
	 * @param second another filter, possibly shared
	 * @return {@code true} if a message can match both
	 */
	static boolean overlap(String first, String second) {
		// called for each filter added, against each other filter: compares in place
		int a = shareEnd(first);
		int b = shareEnd(second);
		while (true) {
			int aEnd = levelEnd(first, a);
			int bEnd = levelEnd(second, b);
			if (isLevel(first, a, aEnd, '#') || isLevel(second, b, bEnd, '#')) {
				return true;
			}
			if (!isLevel(first, a, aEnd, '+') && !isLevel(second, b, bEnd, '+')
					&& !(aEnd - a == bEnd - b && first.regionMatches(a, second, b, aEnd - a))) {
				return false;
			}
			boolean firstEnded = aEnd == first.length();
			boolean secondEnded = bEnd == second.length();
			if (firstEnded || secondEnded) {
				// a topic with as many levels as the shorter also matches a longer filter ending in "/#"
				return (firstEnded && secondEnded) || (firstEnded && isLastLevel(second, bEnd + 1, '#'))
						|| (secondEnded && isLastLevel(first, aEnd + 1, '#'));
			}
			a = aEnd + 1;
			b = bEnd + 1;
		}
	}

	/**
	 * Whether a filter overlaps any other of some filters.
	 * @param filter a filter, possibly shared
	 * @param filters filters, possibly including this one
	 * @return {@code true} if a message can match it and another one
	 */
	static boolean overlapsAnother(String filter, Collection<String> filters) {
		for (String other : filters) {
			if (!other.equals(filter) && overlap(filter, other)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isLevel(String filter, int start, int end, char wildcard) {
		return end - start == 1 && filter.charAt(start) == wildcard;
	}

	private static boolean isLastLevel(String filter, int start, char wildcard) {
		return isLevel(filter, start, filter.length(), wildcard);
	}

	private static boolean isWildcard(char c) {
		return c == '+' || c == '#';
	}

	/** Where the topic filter of a shared subscription starts: after {@code $share/<group>/}. */
	private static int shareEnd(String filter) {
		if (filter.startsWith(SHARE_PREFIX)) {
			int slash = filter.indexOf('/', SHARE_PREFIX.length());
			return (slash > 0) ? slash + 1 : 0;
		}
		return 0;
	}

	/** Where the level that starts at {@code start} ends: at the next '/' or the end. */
	static int levelEnd(String text, int start) {
		int slash = text.indexOf('/', start);
		return (slash >= 0) ? slash : text.length();
	}

}
