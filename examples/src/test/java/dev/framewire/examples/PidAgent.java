package dev.framewire.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Java agent, as an IDE's or a monitoring tool's is to the JVMs it is loaded into, that appends the process id of
 * its JVM to the file named by its argument each time it is loaded: a test counts the lines.
 */
public final class PidAgent {
    private PidAgent() {
    }

    public static void premain(String file) throws IOException {
        // one short append per load: lines from concurrent JVMs do not interleave
        Files.writeString(Path.of(file), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
