package io.github.dl4jrecipes.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak resident set size of a sample's main class run in a child JVM on the examples module's jar
 * and runtime classpath, with the JVM's default heap settings, as a user starting it with
 * {@code java -cp} gets them. The jar and {@code examples/target/classpath.txt} are built (when
 * missing or stale) by the repository's launcher {@code ./dl4j-recipes}, run once with
 * {@code --help} before the measurement: bench cannot depend on the examples module, whose own
 * {@code exec:java} would then run first in the reactor.
 * Measured with GNU time ({@code /usr/bin/time -f %M}, Debian package {@code time}) when present,
 * otherwise by polling the child's {@code VmHWM} in {@code /proc/<pid>/status}, which can miss
 * growth in the last {@value #POLL_MILLIS} ms.
 */
final class PeakRss {
    static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** The launcher that builds the examples jar and records its classpath, from the repository root. */
    static final Path LAUNCHER = Path.of("dl4j-recipes");
    static final Path EXAMPLES_JAR = Path.of("examples/target/dl4j-recipes-examples-0.1.0-SNAPSHOT.jar");
    static final Path EXAMPLES_CLASSPATH = Path.of("examples/target/classpath.txt");
    private static final int POLL_MILLIS = 50;
    private static final int LOG_TAIL_CHARS = 2000;
    private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private PeakRss() {
    }

    /** The child's peak RSS and wall time, how the peak was read, and what it printed. */
    record Result(double mib, double seconds, String method, String output) {
    }

    /** Runs {@code mainClass} of the examples module with {@code args} in a child JVM; throws when it fails. */
    static Result of(String mainClass, List<String> args) throws IOException, InterruptedException {
        return of(mainClass, args, List.of());
    }

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM on the examples module's classpath
     * followed by {@code extraClasspath} (e.g. this module's classes); throws when it fails.
     */
    static Result of(String mainClass, List<String> args, List<Path> extraClasspath)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IOException(LAUNCHER.toAbsolutePath() + " not found: run the harness from the repository root");
        }
        Path work = Files.createTempDirectory("peak-rss-");
        run(List.of(LAUNCHER.toAbsolutePath().toString(), "--help"), work.resolve("build.log"));
        Path log = work.resolve("child.log");
        Path timeOut = work.resolve("time.txt");
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        List<String> command = new ArrayList<>();
        if (gnuTime) {
            command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", timeOut.toString()));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(extraClasspath), mainClass));
        command.addAll(args);
        long start = System.nanoTime();
        long polledKib = run(command, log);
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return gnuTime
                ? new Result(Long.parseLong(Files.readString(timeOut).trim()) / 1024.0, seconds, "/usr/bin/time -f %M",
                        output)
                : new Result(polledKib / 1024.0, seconds, "VmHWM polled every " + POLL_MILLIS + " ms", output);
    }

    /** Runs {@code command} with its output in {@code log}; the highest VmHWM polled; throws when it fails. */
    private static long run(List<String> command, Path log) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long polledKib = 0;
        while (!child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            polledKib = Math.max(polledKib, vmHwmKib(child.pid()));
        }
        if (child.exitValue() != 0) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            throw new IOException(command.get(0) + " exited with " + child.exitValue() + ": " + String.join(" ", command)
                    + "\n" + out.substring(Math.max(0, out.length() - LOG_TAIL_CHARS)));
        }
        return polledKib;
    }

    /** The child's VmHWM so far, 0 once it has ended. */
    private static long vmHwmKib(long pid) {
        try {
            Matcher m = VM_HWM.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;   // the process ended between two polls
        }
    }

    /** The examples jar and its runtime classpath, as {@code ./dl4j-recipes} recorded it, then {@code extra}. */
    private static String classpath(List<Path> extra) throws IOException {
        StringBuilder classpath = new StringBuilder(EXAMPLES_JAR.toAbsolutePath() + File.pathSeparator
                + Files.readString(EXAMPLES_CLASSPATH).trim());
        extra.forEach(path -> classpath.append(File.pathSeparator).append(path.toAbsolutePath()));
        return classpath.toString();
    }
}
