package dev.framewire.core.process;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.ItemError;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of a child JVM: checks the run directory, loads its node, then loops — read an item, compute,
 * append the outcome — until the end of its input.
 *
 * <p>A child never outlives its coordinator: a watchdog thread halts it when its standard input (a pipe the
 * coordinator holds) reaches end of file, which the kernel signals the moment the coordinator dies, however it
 * dies; it also polls the coordinator's pid, in case the pipe was inherited elsewhere.
 */
public final class ChildMain {
    /** Environment variable carrying the run token (not on the command line, where any user could read it). */
    public static final String TOKEN_ENV = "FRAMEWIRE_RUN_TOKEN";
    /** Exit status of a child that could not start: bad run directory, spec or node class. */
    public static final int STARTUP_FAILED = 70;
    /** Exit status of a child whose coordinator is gone. */
    public static final int ORPHANED = 71;
    /** First line a ready child prints to its log. */
    static final String READY_LINE = "framewire child ready";

    /** The run directory to remove if the coordinator dies, set once the child verified it; null to keep it. */
    private static volatile RunDirectory orphanCleanup;

    private ChildMain() {
    }

    public static void main(String[] args) {
        // before any Chronicle class: Chronicle's Jvm class otherwise binds POSIX calls through jnr-ffi at start-up
        // (hundreds of classes and generated stubs: about a third of a child's start-up CPU) for msync and friends,
        // which a run directory that is never synced does not need
        net.openhft.posix.PosixAPI.useNoOpPosixApi();
        long coordinator = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        startWatchdog(coordinator);
        ChildSpec spec;
        RunDirectory run;
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: ChildMain <run directory> <spec file>");
            }
            run = RunDirectory.open(Path.of(args[0]), System.getenv(TOKEN_ENV));
            spec = ChildSpec.fromBytes(Files.readAllBytes(run.path().resolve(args[1])));
            orphanCleanup = spec.keepRunDirectory() ? null : run;
        } catch (Throwable t) {
            System.err.println("framewire child cannot start: " + t);
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(STARTUP_FAILED);
            return;
        }
        new ChildLoop(run, spec).run();
        System.out.flush();
        System.exit(0);
    }

    private static void startWatchdog(long coordinatorPid) {
        Thread stdin = new Thread(() -> {
            InputStream in = System.in;
            byte[] sink = new byte[64];
            try {
                while (in.read(sink) >= 0) {
                    // the coordinator never writes; anything read is ignored
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of file
            }
            orphaned();
        }, "framewire-stdin-watchdog");
        stdin.setDaemon(true);
        stdin.start();
        Thread parent = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                boolean alive = coordinatorPid > 0 && ProcessHandle.of(coordinatorPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    orphaned();
                }
            }
        }, "framewire-parent-watchdog");
        parent.setDaemon(true);
        parent.start();
    }

    /** The coordinator is gone: nobody else will remove the run directory (unless it is to be kept), then exit. */
    private static void orphaned() {
        RunDirectory run = orphanCleanup;
        if (run != null) {
            try {
                run.delete();
            } catch (RuntimeException ignored) {
                // a sibling child may be deleting the same files
            }
        }
        Runtime.getRuntime().halt(ORPHANED);
    }

    /** How a throwable from a node reads in an error outcome: exactly as the in-JVM engines word it. */
    static String describe(Throwable t) {
        return ItemError.describe(t);
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Releases a frame view the child decoded, unless the node already gave it back. */
    static void releaseView(Object item) {
        if (item instanceof Frame f && f.isOpen()) {
            f.release();
        }
    }
}
