package dev.tessera.cli;

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
 * The packages of the project form layers: no package uses a type of a package that (directly or through
 * others) uses it back. References are read from the main sources of every module (imports and qualified
 * names; comments are left out).
 */
class PackageCyclesTest {
    private static final Path ROOT = Path.of(System.getProperty("tessera.project.dir", ".."));
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.tessera(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.size() >= 30, "read the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> path = pathBack(uses, start);
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertTrue(cycles.isEmpty(), "package cycles:\n" + String.join("\n", cycles));
    }

    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/") && !ROOT.relativize(p).startsWith("docs")).toList()) {
                String s = f.toString();
                String pkg = s.substring(s.indexOf("/src/main/java/") + "/src/main/java/".length(), s.lastIndexOf('/'))
                        .replace('/', '.');
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = REFERENCE.matcher(code);
                uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.get(pkg).add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** A path from a package back to itself, or null (breadth-first, so the shortest). */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> parent = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (String n : uses.getOrDefault(start, Set.of())) {
            parent.put(n, start);
            queue.add(n);
        }
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
