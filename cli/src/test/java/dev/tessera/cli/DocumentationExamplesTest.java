package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code example in the javadoc and in the Markdown documentation compiles against today's API.
 *
 * <p>A javadoc example ({@code <pre>{@code ...}</pre>}) is compiled as the body of a method in a class that has
 * the source file's imports and its package's types; the variables it assumes are declared on a first line
 * {@code // given: Type name, Type name} (they become the method's parameters). An example that declares a class
 * is compiled as a file of its own. A Markdown {@code java} block is either a whole file (it declares a class) and
 * is compiled as one, or an excerpt of the project's code, which must then appear in a source file as written.
 */
class DocumentationExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("tessera.project.dir", ".."));
    private static final Pattern JAVADOC = Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\*?\\s*}</pre>", Pattern.DOTALL);
    private static final Pattern MARKDOWN = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import [\\w.]+(\\.\\*)?;$", Pattern.MULTILINE);
    private static final Pattern TYPE_DECLARATION = Pattern.compile("^(public )?(final )?(class|record|interface|enum) ",
            Pattern.MULTILINE);

    @Test
    void everyJavadocExampleCompiles(@TempDir Path dir) throws IOException {
        List<Path> sources = new ArrayList<>();
        int examples = 0;
        for (Path file : mainSources()) {
            String src = Files.readString(file);
            Matcher m = JAVADOC.matcher(src);
            while (m.find()) {
                String code = unescape(m.group(1).replaceAll("(?m)^\\s*\\* ?", ""));
                String name = "Example" + (++examples);
                sources.add(write(dir, name, wrap(name, file, src, code)));
            }
        }
        assertTrue(examples >= 20, "found " + examples + " javadoc examples");
        String errors = compile(dir, sources);
        assertTrue(errors.isEmpty(), "javadoc examples that do not compile (file and example in each class's "
                + "comment):\n" + errors);
    }

    @Test
    void everyMarkdownExampleCompilesOrQuotesTheCode(@TempDir Path dir) throws IOException {
        String code = String.join("\n", mainSources().stream().map(DocumentationExamplesTest::read).toList());
        String flatCode = flat(code);
        List<String> notFound = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        int blocks = 0;
        for (Path doc : docs()) {
            Matcher m = MARKDOWN.matcher(Files.readString(doc));
            while (m.find()) {
                blocks++;
                String block = m.group(1);
                Matcher type = Pattern.compile("^(public )?(final )?class (\\w+)", Pattern.MULTILINE).matcher(block);
                if (type.find()) {
                    Path d = Files.createDirectories(dir.resolve("md" + blocks));
                    files.add(Files.writeString(d.resolve(type.group(3) + ".java"), block));
                } else if (!flatCode.contains(flat(block))) {
                    notFound.add(ROOT.relativize(doc) + ": an excerpt found in no source file:\n" + block);
                }
            }
        }
        assertTrue(blocks >= 5, "found " + blocks + " Markdown java blocks");
        assertTrue(notFound.isEmpty(), String.join("\n\n", notFound));
        String errors = compile(dir, files);
        assertTrue(errors.isEmpty(), "Markdown examples that do not compile:\n" + errors);
    }

    /** A class around one example: the file's imports, its package's types, and the example as a method body. */
    private static String wrap(String name, Path file, String src, String code) {
        StringBuilder out = new StringBuilder();
        Matcher imp = IMPORT.matcher(src);
        while (imp.find()) {
            out.append(imp.group()).append('\n');
        }
        // the module's own packages, and sdk-core's (every module builds on it)
        java.util.Set<String> packages = new java.util.TreeSet<>(modulePackages(file));
        packages.addAll(modulePackages(ROOT.resolve("sdk-core/src/main/java/dev/tessera/core/TesseraVersion.java")));
        for (String pkg : packages) {
            out.append("import ").append(pkg).append(".*;\n");
        }
        out.append("import java.util.*;\nimport java.nio.file.*;\n");
        out.append("/** ").append(ROOT.relativize(file)).append(" */\n");
        String given = "";
        Matcher g = Pattern.compile("^// given: (.*)$", Pattern.MULTILINE).matcher(code);
        if (g.find()) {
            given = g.group(1);
            code = code.substring(0, g.start()) + code.substring(g.end());
        }
        if (TYPE_DECLARATION.matcher(code).find()) {
            return out + "class " + name + " {\n" + code.replaceAll("(?m)^public (final )?(class|record)", "static $1$2")
                    + "\n}\n";
        }
        return out + "class " + name + " {\n    void example(" + given + ") throws Exception {\n" + code + "\n    }\n}\n";
    }

    /** Every package of the module a source file is in (an example may use its module's other types). */
    private static List<String> modulePackages(Path file) {
        String f = file.toString();
        Path root = Path.of(f.substring(0, f.indexOf("/src/main/java/") + "/src/main/java/".length()));
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> in = Files.list(d)) {
                    return in.anyMatch(x -> x.toString().endsWith(".java"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(d -> root.relativize(d).toString().replace('/', '.')).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String compile(Path dir, List<Path> files) {
        if (files.isEmpty()) {
            return "";
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-proc:none",
                "-nowarn", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        files.forEach(f -> args.add(f.toString()));
        int status = javac.run(null, null, err, args.toArray(String[]::new));
        return status == 0 ? "" : err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("warning") && !l.contains("incubator") && !l.startsWith("Note:"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name + ".java"), text);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&amp;", "&");
    }

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/") && !ROOT.relativize(p).startsWith("docs")
                    && !ROOT.relativize(p).startsWith("out")).sorted().toList();
        }
    }

    private static List<Path> docs() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }
}
