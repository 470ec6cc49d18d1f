package dev.tessera.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * sdk-core's packages form layers: no package uses a type of a package that (directly or through others) uses
 * it back. References are read from the code (imports and qualified names; comments are left out).
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.tessera\\.core(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        assertTrue(uses.size() >= 8, "read the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = pathBack(uses, start);
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertTrue(cycles.isEmpty(), "package cycles:\n" + String.join("\n", cycles));
    }

    /** A path from a package back to itself, or null (breadth-first, so the shortest). */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> parent = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>(uses.getOrDefault(start, Set.of()));
        uses.getOrDefault(start, Set.of()).forEach(n -> parent.put(n, start));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            if (p.equals(start)) {
                List<String> path = new ArrayList<>(List.of(start));
                for (String q = parent.get(start); !q.equals(start); q = parent.get(q)) {
                    path.add(0, q);
                }
                path.add(0, start);
                return path;
            }
            for (String n : uses.getOrDefault(p, Set.of())) {
                if (!parent.containsKey(n)) {
                    parent.put(n, p);
                    queue.add(n);
                }
            }
        }
        return null;
    }
}
