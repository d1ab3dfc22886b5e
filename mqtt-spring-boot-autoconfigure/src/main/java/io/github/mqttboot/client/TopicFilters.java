package io.github.mqttboot.client;

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
		while (f < filterLength) {
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
		String[] a = stripShare(first).split("/", -1);
		String[] b = stripShare(second).split("/", -1);
		int common = Math.min(a.length, b.length);
		for (int i = 0; i < common; i++) {
			if (a[i].equals("#") || b[i].equals("#")) {
				return true;
			}
			if (!a[i].equals(b[i]) && !a[i].equals("+") && !b[i].equals("+")) {
				return false;
			}
		}
		// a topic with as many levels as the shorter also matches a longer filter ending in "/#"
		String[] longer = (a.length > b.length) ? a : b;
		return a.length == b.length || (longer.length == common + 1 && longer[common].equals("#"));
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

	private static int levelEnd(String text, int start) {
		int slash = text.indexOf('/', start);
		return (slash >= 0) ? slash : text.length();
	}

}
