package dev.framewire.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The calling thread as Linux sees it: a task with its own id ({@code /proc/thread-self}), whose scheduling policy
 * or CPU mask a util-linux tool ({@code chrt}, {@code taskset}) can set, which Java has no call for. Threads and
 * processes the thread starts afterwards inherit what was set.
 */
public final class ThisThread {
    private static final Path SELF = Path.of("/proc/thread-self");

    private ThisThread() {
    }

    /** Whether the calling thread can be named to the OS (Linux, {@code /proc} mounted). */
    public static boolean identifiable() {
        return Files.exists(SELF);
    }

    /**
     * The scheduling policy of the calling thread ({@code 0} normal, {@code 3} batch), or -1 where
     * {@code /proc/thread-self/stat} cannot be read.
     */
    public static int policy() {
        try {
            String stat = Files.readString(SELF.resolve("stat"));
            // fields after the command name, which may hold spaces, start at field 3 (state); the policy is field 41
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[41 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Runs {@code tool args... <this thread's id>} and waits up to 10 s for it; {@code tool} is taken from
     * {@code /usr/bin}, where util-linux installs it, and only otherwise from the PATH.
     *
     * @return empty if the tool succeeded, otherwise why not (not Linux, not installed, refused, too slow)
     */
    public static Optional<String> apply(String tool, String... args) {
        String tid;
        try {
            tid = Files.readSymbolicLink(SELF).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("no /proc/thread-self to find the thread id (" + e.getMessage() + ")");
        }
        Path installed = Path.of("/usr/bin", tool);
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(installed) ? installed.toString() : tool);
        command.addAll(List.of(args));
        command.add(tid);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(tool + " did not answer within 10 s");
            }
            // read after the exit: a line or two, well within the pipe's buffer
            String said = String.join(" / ", new String(p.getInputStream().readAllBytes()).strip().lines().toList());
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(tool + " exited with " + p.exitValue() + (said.isEmpty() ? "" : ": " + said));
        } catch (IOException e) {
            return Optional.of(tool + " is not installed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while running " + tool);
        }
    }
}
