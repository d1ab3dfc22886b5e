package io.github.mqttboot.actuate;

import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

/**
 * Removes credentials from text shown to operators: the user info of every URI, and the
 * configured password wherever it appears (a driver may quote it in an error message).
 *
 * @author mqtt-spring-boot-starter
 */
final class Credentials {

	static final String MASK = "******";

	// the user info of scheme://user:password@host, up to the first '/', '@' or white space
	private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

	private Credentials() {
	}

	/**
	 * Returns the text with the user info of every URI and every occurrence of the password
	 * masked.
	 * @param text the text, may be {@code null}
	 * @param password the configured password, may be {@code null}
	 * @return the sanitized text, or {@code null}
	 */
	static String sanitize(String text, String password) {
		if (text == null) {
			return null;
		}
		String sanitized = USER_INFO.matcher(text).replaceAll(MASK + "@");
		if (StringUtils.hasLength(password)) {
			sanitized = sanitized.replace(password, MASK);
		}
		return sanitized;
	}

}
