package dev.framewire.examples.ipc;

import dev.framewire.core.process.JvmLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs a sweep: for each channel kind, every planned run in order, the sender on the calling thread and the
 * receiver on another thread (in-JVM) or in a second JVM started with this JVM's java binary, class path and
 * options (cross-process). Everything lives in a private directory (mode 0700) deleted at the end.
 */
final class IpcSweep {
    static final long RECEIVER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    static final int SENDER_CPU = 0;
    static final int RECEIVER_CPU = 1;
    /** System properties that keep Chronicle's start-up banner and disk-space notices off the terminal. */
    static final List<String> QUIET_CHRONICLE = List.of("-Dchronicle.announcer.disable=true",
            "-Dchronicle.disk.monitor.disable=true", "-Dorg.slf4j.simpleLogger.log.net.openhft=warn");

    private final IpcSettings settings;
    private final Consumer<String> log;

    IpcSweep(IpcSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    List<IpcResult> run() {
        Path dir = createPrivateDir();
        try {
            if (settings.pin()) {
                CpuPinning.pinCurrentThread(SENDER_CPU)
                        .ifPresent(why -> log.accept("--pin: sender not pinned, running unpinned: " + why));
            }
            List<IpcResult> results = new ArrayList<>();
            for (ChannelKind kind : settings.channels()) {
                Path channelDir = dir.resolve(kind.label);
                createDir(channelDir);
                results.addAll(kind.crossesProcess ? crossProcess(kind, channelDir) : inJvm(channelDir));
            }
            return results;
        } finally {
            deleteTree(dir);
        }
    }

    private List<IpcResult> inJvm(Path dir) {
        List<RunPlan> plans = settings.plans();
        Map<Integer, InJvmChannel> channels = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            if (settings.pin()) {
                CpuPinning.pinCurrentThread(RECEIVER_CPU)
                        .ifPresent(why -> log.accept("--pin: receiver not pinned: " + why));
            }
            RunReceiver.receiveAll(dir, plans, plan -> channel(channels, plan).receiver());
        }, "ipc-receiver");
        receiver.setDaemon(true);
        receiver.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        receiver.start();
        try {
            return sendAll(ChannelKind.IN_JVM, dir, plans, plan -> channel(channels, plan).sender(), () -> {
                Throwable e = failure.get();
                return e == null ? (receiver.isAlive() ? null : "the receiver thread stopped") : "receiver failed: " + e;
            });
        } finally {
            receiver.interrupt();
        }
    }

    private InJvmChannel channel(Map<Integer, InJvmChannel> channels, RunPlan plan) {
        return channels.computeIfAbsent(plan.index(), i -> new InJvmChannel(plan.messageBytes(), settings.waitMode()));
    }

    private List<IpcResult> crossProcess(ChannelKind kind, Path dir) {
        List<RunPlan> plans = settings.plans();
        Path logFile = dir.resolve("receiver.log");
        Process child = startReceiver(kind, dir, plans, logFile);
        try {
            List<IpcResult> results = sendAll(kind, dir, plans, plan -> kind.openSender(dir, plan, settings.waitMode()),
                    () -> child.isAlive() ? null : "the " + kind.label + " receiver JVM exited with status "
                            + child.exitValue() + tail(logFile));
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the " + kind.label + " receiver JVM did not exit after its last run");
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the receiver JVM", e);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    interface SenderFactory {
        SendEndpoint open(RunPlan plan);
    }

    private List<IpcResult> sendAll(ChannelKind kind, Path dir, List<RunPlan> plans, SenderFactory open, Supplier<String> problem) {
        List<IpcResult> results = new ArrayList<>();
        for (RunPlan plan : plans) {
            log.accept(String.format("%-10s %9s  %-10s %s", kind.label, IpcReport.sizeLabel(plan.messageBytes()),
                    plan.modeLabel(), plan.fullSpeed() ? "" : IpcReport.rate(plan.ratePerSecond()) + " msg/s offered"));
            RunFiles.await(RunFiles.ready(dir, plan), RECEIVER_TIMEOUT_NANOS, problem);
            try (SendEndpoint endpoint = open.open(plan)) {
                RunSender.send(endpoint, plan, settings.waitMode());
            }
            Path resultFile = RunFiles.result(dir, plan);
            RunFiles.await(resultFile, RECEIVER_TIMEOUT_NANOS, problem);
            results.add(new IpcResult(kind, plan, LatencyRecorder.load(resultFile)));
            if (kind == ChannelKind.CHRONICLE || kind == ChannelKind.CHRONICLE_ARENA) {
                deleteTree(ChannelKind.queueDir(dir, plan));
            }
        }
        return results;
    }

    private Process startReceiver(ChannelKind kind, Path dir, List<RunPlan> plans, Path logFile) {
        List<String> command = receiverCommand(List.of(kind.label, dir.toString(), settings.waitMode().label,
                Integer.toString(settings.pin() ? RECEIVER_CPU : -1), RunPlan.encodeAll(plans)));
        try {
            return JvmLauncher.processBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the receiver JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * The same java binary, JVM options and class path as this JVM, running {@link IpcReceiverMain}, with Chronicle
     * quiet (the engine's own launcher: the same inherited options, files and environment rules as its children).
     */
    static List<String> receiverCommand(List<String> args) {
        return JvmLauncher.javaCommand(QUIET_CHRONICLE, IpcReceiverMain.class.getName(), args);
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? "" : "; its output ends with:\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "";
        }
    }

    private Path createPrivateDir() {
        try {
            Files.createDirectories(settings.workDir());
            return Files.createTempDirectory(settings.workDir(), "framewire-ipc-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + settings.workDir() + ": " + e.getMessage(), e);
        }
    }

    private static void createDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
