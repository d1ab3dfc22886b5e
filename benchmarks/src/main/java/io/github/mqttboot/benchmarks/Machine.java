package io.github.mqttboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the figures were taken on, and how loaded it was. */
record Machine(String cpu, int cores, String memory, String jdk, String mosquitto, String loadBefore) {

	static Machine describe() {
		String cpu = grep("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", "");
		String memory = grep("/proc/meminfo", "MemTotal").replaceAll("\\D+", "");
		String gib = memory.isEmpty() ? "?" : String.format("%.0f GiB", Long.parseLong(memory) / 1024.0 / 1024.0);
		String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
		return new Machine(cpu, Runtime.getRuntime().availableProcessors(), gib, jdk, mosquittoVersion(), loadAverage());
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String grep(String file, String prefix) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			return lines.stream().filter((line) -> line.startsWith(prefix)).findFirst().orElse("");
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String mosquittoVersion() {
		try {
			Process process = new ProcessBuilder(Mosquitto.EXECUTABLE, "-h").redirectErrorStream(true).start();
			String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
			process.waitFor();
			return first.replaceFirst("mosquitto version ", "");
		}
		catch (IOException ex) {
			return "?";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "?";
		}
	}

}
