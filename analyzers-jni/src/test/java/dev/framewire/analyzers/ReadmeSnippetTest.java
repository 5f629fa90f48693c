package dev.framewire.analyzers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippet in the README's library section compiles against this module and prints the reference verdict
 * for a real photo: the README cannot go stale without this test failing.
 */
class ReadmeSnippetTest {
    private static final Pattern LIBRARY_SECTION =
            Pattern.compile("<!-- section:library -->(.*?)<!-- /section:library -->", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmeSnippetScoresARealPhoto(@TempDir Path work) throws Exception {
        String snippet = readmeJavaSnippet();
        Path source = work.resolve("src/ReadmeSnippet.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, asProgram(snippet));
        Path classes = Files.createDirectories(work.resolve("classes"));

        compile(source, classes);
        String printed = run(classes, TestPhotos.photo("Garden.jpg"));

        JsonNode garden = TestPhotos.reference().stream()
                .filter(r -> r.get("filename").asText().equals("Garden.jpg")).findFirst().orElseThrow();
        assertThat(printed.strip())
                .isEqualTo(garden.get("verdict").asText() + " " + garden.get("quality_score").asDouble());
    }

    private static String readmeJavaSnippet() throws IOException {
        Path readme = Path.of("..", "README.md");
        Matcher section = LIBRARY_SECTION.matcher(Files.readString(readme));
        assertThat(section.find()).as("README has a library section").isTrue();
        Matcher block = JAVA_BLOCK.matcher(section.group(1));
        assertThat(block.find()).as("the library section has a ```java block").isTrue();
        return block.group(1);
    }

    /** Imports stay on top; the statements become the body of {@code main(String[] args)}. */
    private static String asProgram(String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "public class ReadmeSnippet {\n"
                + "public static void main(String[] args) throws Exception {\n" + body + "}\n}\n";
    }

    private static void compile(Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-proc:none", "-Xlint:none",
                "-classpath", testClassPath(), "-d", classes.toString(), source.toString());
        assertThat(status).as("javac on the README snippet:%n%s", diagnostics.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    /** The full test class path (surefire may hide it behind a manifest-only jar). */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String run(Path classes, Path photo) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeSnippetTest.class.getClassLoader())) {
            Method main = loader.loadClass("ReadmeSnippet").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {photo.toString()});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
