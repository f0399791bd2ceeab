package org.rplcds.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests of a folder, each object read strictly against the Kubernetes API's
 * object model: the Java classes that the Kubernetes project generates from the API's OpenAPI
 * description ({@code io.kubernetes:client-java-api}, https://github.com/kubernetes-client/java).
 *
 * <p>An object is refused when it names a field its type does not have (the generated {@code
 * validateJsonElement} checks every level), lacks a required one, or holds a value of another type
 * than the field's: it is read into the typed model and written back, and must come back as it was
 * written, so that a string where a number or a boolean belongs ({@code "yes"} for {@code true},
 * {@code "8080"} for {@code 8080}), which a lenient reader would turn into a value, is a problem
 * too.
 */
public final class KubernetesManifests {

    /** The kinds these manifests may hold, by {@code apiVersion/kind}, and the model of each. */
    static final Map<String, Class<?>> MODELS = Map.of(
            "apps/v1/Deployment", V1Deployment.class,
            "v1/Service", V1Service.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/ServiceAccount", V1ServiceAccount.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    /** Kustomize's file, which is no Kubernetes API object. */
    public static final String KUSTOMIZATION = "kustomization.yaml";

    /** One object of one file, as YAML read it and as the typed model holds it. */
    public record Manifest(Path file, Map<String, Object> yaml, Object model) {

        public String kind() {
            return (String) yaml.get("kind");
        }
    }

    private final Path folder;
    private final List<Manifest> manifests;
    private final List<String> problems;

    private KubernetesManifests(Path folder, List<Manifest> manifests, List<String> problems) {
        this.folder = folder;
        this.manifests = manifests;
        this.problems = problems;
    }

    /** Reads every {@code .yaml} file of the folder but the kustomization. */
    @SuppressWarnings("unchecked")
    public static KubernetesManifests read(Path folder) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : manifestFiles(folder)) {
            int index = 0;
            for (Object document : new Yaml().loadAll(Files.readString(file))) {
                String where = folder.relativize(file) + (index++ > 0 ? " #" + index : "");
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map)) {
                    problems.add(where + ": not an object");
                    continue;
                }
                Map<String, Object> yaml = (Map<String, Object>) document;
                try {
                    manifests.add(new Manifest(file, yaml, strict(yaml)));
                } catch (IllegalArgumentException | JsonParseException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        return new KubernetesManifests(folder, manifests, problems);
    }

    /** The manifest files of the folder, sorted by name: every {@code .yaml} but the kustomization. */
    public static List<Path> manifestFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted()
                    .toList();
        }
    }

    public Path folder() {
        return folder;
    }

    /** What the API's model refused, one line each, naming the file. */
    public List<String> problems() {
        return problems;
    }

    public List<Manifest> all() {
        return manifests;
    }

    /** The one object of the kind, read into its model. */
    public <T> T only(Class<T> model) {
        List<T> found = manifests.stream()
                .map(Manifest::model)
                .filter(model::isInstance)
                .map(model::cast)
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " objects of " + model.getSimpleName() + " in " + folder);
        }
        return found.get(0);
    }

    /** The object read into the model of its kind; a problem throws, naming it. */
    static Object strict(Map<String, Object> yaml) {
        Class<?> model = MODELS.get(yaml.get("apiVersion") + "/" + yaml.get("kind"));
        if (model == null) {
            throw new IllegalArgumentException("no model for apiVersion " + yaml.get("apiVersion") + " kind "
                    + yaml.get("kind") + "; known: " + Set.copyOf(MODELS.keySet()));
        }
        JsonElement written = json(yaml, "");
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, written);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement", e);
        }
        Object read;
        try {
            read = JSON.getGson().fromJson(written, model);
        } catch (JsonParseException | NumberFormatException | IllegalStateException e) {
            throw new IllegalArgumentException("a value of the wrong type: " + e.getMessage(), e);
        }
        String difference = difference(written, JSON.getGson().toJsonTree(read), "");
        if (difference != null) {
            throw new IllegalArgumentException("a value of the wrong type: " + difference);
        }
        return read;
    }

    /** YAML's values as JSON, as the API server takes them; a value JSON cannot hold is a problem. */
    @SuppressWarnings("unchecked")
    static JsonElement json(Object value, String path) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, member) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException(path + "/" + key + ": a key that is not a string");
                }
                object.add(name, json(member, path + "/" + name));
            });
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                array.add(json(list.get(i), path + "/" + i));
            }
            return array;
        }
        if (value instanceof String text) {
            return new JsonPrimitive(text);
        }
        if (value instanceof Boolean flag) {
            return new JsonPrimitive(flag);
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        throw new IllegalArgumentException(
                path + ": a YAML " + value.getClass().getSimpleName() + ", which JSON has no type for (quote it)");
    }

    /** Where the value read back differs from the one written, or null when none does. */
    static String difference(JsonElement written, JsonElement read, String path) {
        if (written.isJsonObject() && read != null && read.isJsonObject()) {
            for (Map.Entry<String, JsonElement> member :
                    written.getAsJsonObject().entrySet()) {
                if (member.getValue().isJsonNull()) {
                    continue;
                }
                String found = difference(
                        member.getValue(), read.getAsJsonObject().get(member.getKey()), path + "/" + member.getKey());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (written.isJsonArray() && read != null && read.isJsonArray()) {
            JsonArray writtenArray = written.getAsJsonArray();
            JsonArray readArray = read.getAsJsonArray();
            if (writtenArray.size() != readArray.size()) {
                return path + ": " + writtenArray.size() + " items written, " + readArray.size() + " read";
            }
            for (int i = 0; i < writtenArray.size(); i++) {
                String found = difference(writtenArray.get(i), readArray.get(i), path + "/" + i);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return written.equals(read) ? null : path + ": " + written + " written, read as " + read;
    }
}
