package org.rplcds.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last stage of the Dockerfile, read as the image is built from it: the instructions of the
 * image that runs (its environment, user, port, volumes, health check and entry point), so that
 * tests can start the jar as the image starts it and hold the deployment files to the same facts.
 */
public final class Dockerfile {

    private static final Pattern USERADD_UID = Pattern.compile("useradd\\b[^&;]*--uid\\s+(\\d+)");
    private static final Pattern GROUPADD_GID = Pattern.compile("groupadd\\b[^&;]*--gid\\s+(\\d+)");
    private static final Pattern JAVA_COMMAND = Pattern.compile("exec java (.*?) -jar (\\S+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");
    private static final Pattern TRAINING_COMMAND = Pattern.compile("(?:^|[;&|]\\s*)java\\s+(.*?)\\s+-jar\\s");
    private static final String TRAINING_OPTION = "AOTCacheOutput";

    /** One instruction: its keyword in upper case and the rest of its line, continuations joined. */
    public record Instruction(String keyword, String arguments) {}

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    public static Dockerfile read(Path path) throws IOException {
        List<Instruction> all = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(path)) {
            String trimmed = raw.strip();
            if (line.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                line.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            line.append(trimmed);
            String[] parts = line.toString().split("\\s+", 2);
            all.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            line.setLength(0);
        }
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return new Dockerfile(List.copyOf(all.subList(lastFrom, all.size())));
    }

    /** The instructions of the final stage, FROM first. */
    public List<Instruction> instructions() {
        return instructions;
    }

    private List<String> arguments(String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments)
                .toList();
    }

    /** The image the final stage starts from, its {@code FROM} without an {@code AS} name. */
    public String baseImage() {
        return instructions.get(0).arguments().split("\\s+")[0];
    }

    /**
     * The {@code RUN} of the final stage that makes the ahead-of-time cache (the one whose java
     * command has {@code -XX:AOTCacheOutput}), whole, as the image's shell runs it in the working
     * folder.
     */
    public String trainingCommand() {
        return arguments("RUN").stream()
                .filter(run -> run.contains(TRAINING_OPTION))
                .reduce((first, second) -> {
                    throw new IllegalStateException("two RUNs with " + TRAINING_OPTION + ": " + first + " / " + second);
                })
                .orElseThrow(() -> new IllegalStateException("no RUN with " + TRAINING_OPTION + " in the last stage"));
    }

    /** The options the training {@code RUN} gives {@code java} before {@code -jar}. */
    public List<String> trainingJavaOptions() {
        String run = trainingCommand();
        Matcher command = TRAINING_COMMAND.matcher(run);
        if (!command.find()) {
            throw new IllegalStateException("no java ... -jar in " + run);
        }
        return List.of(command.group(1).strip().split("\\s+"));
    }

    /** {@code ENV NAME=value} settings of the final stage, in order. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String setting : arguments("ENV")) {
            String[] nameValue = setting.split("=", 2);
            environment.put(nameValue[0].strip(), nameValue.length > 1 ? nameValue[1].strip() : "");
        }
        return environment;
    }

    /** The {@code USER} the container runs as, as written ({@code uid:gid} or a name). */
    public String user() {
        List<String> users = arguments("USER");
        return users.get(users.size() - 1);
    }

    /** The uid given to the service's user by {@code useradd --uid}. */
    public long createdUid() {
        return number(USERADD_UID, "useradd --uid");
    }

    /** The gid given to the service's group by {@code groupadd --gid}. */
    public long createdGid() {
        return number(GROUPADD_GID, "groupadd --gid");
    }

    private long number(Pattern pattern, String what) {
        for (String run : arguments("RUN")) {
            Matcher matcher = pattern.matcher(run);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new IllegalStateException("no " + what + " in the Dockerfile's last stage");
    }

    public List<Integer> exposedPorts() {
        return arguments("EXPOSE").stream()
                .flatMap(ports -> List.of(ports.split("\\s+")).stream())
                .map(port -> Integer.parseInt(port.replace("/tcp", "")))
                .toList();
    }

    /** Paths declared with {@code VOLUME}, in JSON or plain form. */
    public List<String> volumes() throws IOException {
        List<String> volumes = new ArrayList<>();
        for (String declared : arguments("VOLUME")) {
            if (declared.startsWith("[")) {
                volumes.addAll(new ObjectMapper().readValue(declared, new TypeReference<List<String>>() {}));
            } else {
                volumes.addAll(List.of(declared.split("\\s+")));
            }
        }
        return volumes;
    }

    /** The {@code HEALTHCHECK} instruction, whole. */
    public Optional<String> healthCheck() {
        List<String> checks = arguments("HEALTHCHECK");
        return checks.isEmpty() ? Optional.empty() : Optional.of(checks.get(checks.size() - 1));
    }

    public String workingDirectory() {
        List<String> directories = arguments("WORKDIR");
        return directories.get(directories.size() - 1);
    }

    /** The {@code ENTRYPOINT}, as its JSON (exec form) array. */
    public List<String> entryPoint() throws IOException {
        List<String> entryPoints = arguments("ENTRYPOINT");
        return new ObjectMapper()
                .readValue(entryPoints.get(entryPoints.size() - 1), new TypeReference<List<String>>() {});
    }

    /** The jar the entry point runs with {@code java -jar}, as it names it (relative to the working folder). */
    public String jar() throws IOException {
        return javaCommand().group(2);
    }

    /**
     * The options the entry point gives {@code java} before {@code -jar}, with the image's
     * environment variables put in, as the shell of the entry point puts them in.
     */
    public List<String> javaOptions() throws IOException {
        Matcher command = javaCommand();
        Map<String, String> environment = environment();
        List<String> options = new ArrayList<>();
        for (String option : command.group(1).strip().split("\\s+")) {
            Matcher variable = VARIABLE.matcher(option);
            StringBuilder expanded = new StringBuilder();
            while (variable.find()) {
                String value = environment.get(variable.group(1));
                if (value == null) {
                    throw new IllegalStateException("the image sets no " + variable.group(1));
                }
                variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
            }
            variable.appendTail(expanded);
            options.add(expanded.toString());
        }
        return options;
    }

    private Matcher javaCommand() throws IOException {
        String script = entryPoint().stream()
                .filter(part -> part.contains("exec java"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the entry point runs no exec java"));
        Matcher command = JAVA_COMMAND.matcher(script);
        if (!command.find()) {
            throw new IllegalStateException("no java ... -jar in " + script);
        }
        return command;
    }
}
