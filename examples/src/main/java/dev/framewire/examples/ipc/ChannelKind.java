package dev.framewire.examples.ipc;

import java.nio.file.Path;

/** The channels the profiler compares. */
enum ChannelKind {
    /** A reference handed between two threads of one JVM through a bounded queue; no copy. */
    IN_JVM("inJvm", false),
    /** framewire's Chronicle channel between two JVMs, the message encoded into the queue: how small items travel. */
    CHRONICLE("chronicle", true),
    /** A recycled slot of a mapped arena plus its offset on a Chronicle channel: how the process engine moves frames. */
    CHRONICLE_ARENA("chronicleArena", true),
    /** A Unix-domain socket between two JVMs; a copy into the kernel and one out. */
    UNIX_SOCKET("unixSocket", true);

    final String label;
    final boolean crossesProcess;

    ChannelKind(String label, boolean crossesProcess) {
        this.label = label;
        this.crossesProcess = crossesProcess;
    }

    static ChannelKind parse(String text) {
        for (ChannelKind kind : values()) {
            if (kind.label.equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--channels '" + text + "': expected inJvm, chronicle, chronicleArena or unixSocket");
    }

    /** Opens the receiving end of one run of a cross-process channel; the sender may connect once it returns. */
    ReceiveEndpoint openReceiver(Path runDir, RunPlan plan, WaitMode wait) {
        return switch (this) {
            case CHRONICLE -> ChronicleChannel.receiver(queueDir(runDir, plan), plan.messageBytes(), wait);
            case CHRONICLE_ARENA -> ChronicleArenaChannel.receiver(queueDir(runDir, plan), plan.messageBytes(), wait);
            case UNIX_SOCKET -> UnixSocketChannel.receiver(socketFile(runDir, plan), plan.messageBytes(), wait);
            case IN_JVM -> throw new IllegalStateException("the in-JVM channel is opened as a pair");
        };
    }

    SendEndpoint openSender(Path runDir, RunPlan plan, WaitMode wait) {
        return switch (this) {
            case CHRONICLE -> ChronicleChannel.sender(queueDir(runDir, plan), plan.messageBytes());
            case CHRONICLE_ARENA -> ChronicleArenaChannel.sender(queueDir(runDir, plan), plan.messageBytes(), wait);
            case UNIX_SOCKET -> UnixSocketChannel.sender(socketFile(runDir, plan), plan.messageBytes(), wait);
            case IN_JVM -> throw new IllegalStateException("the in-JVM channel is opened as a pair");
        };
    }

    static Path queueDir(Path runDir, RunPlan plan) {
        return runDir.resolve("queue-" + plan.index());
    }

    static Path socketFile(Path runDir, RunPlan plan) {
        return runDir.resolve("run-" + plan.index() + ".sock");
    }
}
