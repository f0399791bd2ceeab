package org.rplcds;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependencies among the source files of a package and its subpackages: a file is a top-level
 * class with its nested classes. ArchUnit's {@code slices()} sees packages only; a cycle between two
 * files of one package, or a chain of files calling each other eleven deep, it cannot see.
 */
final class FileGraph {

    private final Map<String, Set<String>> edges;

    private FileGraph(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** The files of {@code pkg} and its subpackages among the classes, and what each uses of the others. */
    static FileGraph of(JavaClasses classes, String pkg) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass origin : classes) {
            if (!inside(origin, pkg)) {
                continue;
            }
            String from = file(origin);
            Set<String> targets = edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (inside(target, pkg) && !file(target).equals(from)) {
                    targets.add(file(target));
                }
            }
        }
        return new FileGraph(edges);
    }

    private static boolean inside(JavaClass type, String pkg) {
        String name = type.getPackageName();
        return name.equals(pkg) || name.startsWith(pkg + ".");
    }

    /** The top-level class a class is declared in: its source file. */
    static String file(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /** The groups of files that depend on each other in a circle, each with two files or more (Tarjan). */
    List<Set<String>> cycles() {
        List<Set<String>> cycles = new ArrayList<>();
        for (Set<String> component : components()) {
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        return cycles;
    }

    /**
     * The longest chain of files, each using the next: the floors a reader climbs down from the top
     * file to the bottom one. A cycle counts as one floor per file in it.
     */
    int floors() {
        Map<String, Set<String>> components = new HashMap<>();
        for (Set<String> component : components()) {
            component.forEach(file -> components.put(file, component));
        }
        Map<Set<String>, Integer> depth = new HashMap<>();
        int floors = 0;
        for (String file : edges.keySet()) {
            floors = Math.max(floors, depth(components.get(file), components, depth));
        }
        return floors;
    }

    private int depth(Set<String> component, Map<String, Set<String>> components, Map<Set<String>, Integer> depth) {
        Integer known = depth.get(component);
        if (known != null) {
            return known;
        }
        int below = 0;
        for (String file : component) {
            for (String target : edges.getOrDefault(file, Set.of())) {
                Set<String> next = components.get(target);
                if (next != component) {
                    below = Math.max(below, depth(next, components, depth));
                }
            }
        }
        int result = component.size() + below;
        depth.put(component, result);
        return result;
    }

    /** Tarjan's strongly connected components. */
    private List<Set<String>> components() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String file : edges.keySet()) {
            if (!index.containsKey(file)) {
                connect(file, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private void connect(
            String file,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> found) {
        index.put(file, index.size());
        low.put(file, index.get(file));
        stack.push(file);
        onStack.add(file);
        for (String target : edges.getOrDefault(file, Set.of())) {
            if (!index.containsKey(target)) {
                connect(target, index, low, stack, onStack, found);
                low.put(file, Math.min(low.get(file), low.get(target)));
            } else if (onStack.contains(target)) {
                low.put(file, Math.min(low.get(file), index.get(target)));
            }
        }
        if (low.get(file).equals(index.get(file))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(file));
            found.add(component);
        }
    }
}
