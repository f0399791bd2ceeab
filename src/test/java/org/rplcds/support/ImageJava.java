package org.rplcds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM the image runs the service on (JDK 25, while the build and the other tests stay on Java
 * 17): {@code CDS_TEST_JAVA25} when set, a {@code java} binary, else the first
 * {@code /usr/lib/jvm/*25*}{@code /bin/java}. Under CI the tests that need it run whether or not it
 * is found, so a missing JVM fails the build instead of skipping.
 */
public final class ImageJava {

    /** The variable that names the JVM, a {@code java} binary. */
    public static final String VARIABLE = "CDS_TEST_JAVA25";

    static final Path JVMS = Path.of("/usr/lib/jvm");

    static final int FEATURE = 25;

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private ImageJava() {}

    /**
     * Whether the tests of the image's start can run; when not, a {@code [SKIPPED]} line names the
     * test and what to set, since Surefire and Failsafe count a disabled test as "Skipped" without a
     * reason.
     */
    public static boolean available(String test) {
        // a JVM named in CDS_TEST_JAVA25 is used as given: a wrong name fails rather than skips
        boolean available = System.getenv(VARIABLE) != null || find().isPresent() || "true".equals(System.getenv("CI"));
        if (!available) {
            System.out.println("[SKIPPED] " + test + ": no JDK " + FEATURE + " found; set " + VARIABLE
                    + " to its java binary, or install one under " + JVMS + " (the image runs the service on"
                    + " eclipse-temurin:" + FEATURE + "-jre)");
        }
        return available;
    }

    /** The image's JVM, or an error that says what to set: under CI its absence fails the test. */
    public static Path java() {
        String named = System.getenv(VARIABLE);
        if (named != null) {
            Path java = Path.of(named);
            if (!Files.isExecutable(java)) {
                throw new IllegalStateException(VARIABLE + "=" + named + " is not an executable java binary");
            }
            int feature = feature(java).orElse(FEATURE);
            if (feature < FEATURE) {
                throw new IllegalStateException(
                        VARIABLE + "=" + named + " is Java " + feature + "; the image runs on Java " + FEATURE);
            }
            return java;
        }
        return find().orElseThrow(() -> new IllegalStateException("no JDK " + FEATURE + ": set " + VARIABLE
                + " to its java binary, or install one under " + JVMS + " (.ci/run looks there too)"));
    }

    /** The first JDK 25 or later under /usr/lib/jvm, by name. */
    static Optional<Path> find() {
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> home.getFileName().toString().contains(String.valueOf(FEATURE)))
                    .sorted()
                    .map(home -> home.resolve("bin/java"))
                    .filter(Files::isExecutable)
                    .filter(java -> feature(java).orElse(FEATURE) >= FEATURE)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature version the JDK's {@code release} file gives ({@code JAVA_VERSION="25.0.3"}), if it has one. */
    static Optional<Integer> feature(Path java) {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
