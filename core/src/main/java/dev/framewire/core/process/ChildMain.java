package dev.framewire.core.process;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.ItemError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a child JVM: checks the run directory, loads its node, then loops — read an item, compute,
 * append the outcome — until the end of its input.
 *
 * <p>Started as {@code ChildMain <run directory> <spec file>}, it runs one node for one run and exits. Started as
 * {@code ChildMain <engine directory> --kept}, it is a child a {@link ProcessEngine#warm warm engine} keeps between
 * runs: it reads commands from its standard input, one per line, {@code run <run directory name> <spec file>} (a
 * subdirectory of the engine directory holding the same token; the spec may name another node than the last one)
 * and {@code exit}, and waits, blocked and using no CPU, between runs.
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
    /** How a child that cannot start begins the line saying why (the stack trace follows it in its log). */
    static final String CANNOT_START = "framewire child cannot start: ";
    /** First line a ready child prints to its log. */
    static final String READY_LINE = "framewire child ready";
    /** Second argument of a child kept between runs. */
    static final String KEPT = "--kept";
    /** Command to a kept child: the next run ({@code run <directory name> <spec file>}). */
    static final String RUN_COMMAND = "run";
    /** Command to a kept child: exit normally. */
    static final String EXIT_COMMAND = "exit";

    /** Commands read from standard input by the watchdog, for a kept child's main thread. */
    private static final BlockingQueue<String> COMMANDS = new LinkedBlockingQueue<>();
    /** Set once {@code exit} was read: the end of input that follows is not the coordinator's death. */
    private static volatile boolean exiting;

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
        if (args.length == 2 && KEPT.equals(args[1])) {
            kept(args[0]);
            return;
        }
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
            System.err.println(CANNOT_START + t);
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(STARTUP_FAILED);
            return;
        }
        new ChildLoop(run, spec).run();
        System.out.flush();
        System.exit(0);
    }

    /** A child kept between runs: runs one spec per command until told to exit. */
    private static void kept(String engineDirectory) {
        RunDirectory home;
        try {
            home = RunDirectory.open(Path.of(engineDirectory), System.getenv(TOKEN_ENV));
        } catch (Throwable t) {
            cannotStart(t);
            return;
        }
        orphanCleanup = home;
        PayloadArena arena = null;
        ChildLoop.ChildEnds ends = null;
        boolean first = true;
        while (true) {
            String command;
            try {
                command = COMMANDS.take();
            } catch (InterruptedException e) {
                break;
            }
            if (command.equals(EXIT_COMMAND)) {
                break;
            }
            // the first run's start-up includes this JVM's; a later run's counts from its command
            long cpuBase = first ? 0 : ChildStatusTable.processCpuNanos();
            first = false;
            RunDirectory run;
            ChildSpec spec;
            try {
                String[] words = command.split(" ");
                if (words.length != 3 || !words[0].equals(RUN_COMMAND) || words[1].contains("/")) {
                    throw new IllegalArgumentException("unknown command: " + command);
                }
                run = RunDirectory.open(home.path().resolve(words[1]), home.token());
                spec = ChildSpec.fromBytes(Files.readAllBytes(run.path().resolve(words[2])));
            } catch (Throwable t) {
                cannotStart(t);
                return;
            }
            ChildLoop loop = new ChildLoop(run, spec, arena, true, cpuBase, ends);
            loop.run();
            arena = loop.arena();
            ends = loop.keptEnds();
            System.out.flush();
        }
        System.exit(0);
    }

    private static void cannotStart(Throwable t) {
        System.err.println(CANNOT_START + t);
        t.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(STARTUP_FAILED);
    }

    private static void startWatchdog(long coordinatorPid) {
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    COMMANDS.add(line);
                    if (line.equals(EXIT_COMMAND)) {
                        exiting = true;
                        return;
                    }
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
                if (!alive && !exiting) {
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
