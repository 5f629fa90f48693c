package dev.framewire.examples.ipc;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Main class of the receiver JVM that {@code framewire ipc} starts for cross-process channels.
 * Arguments: {@code CHANNEL RUN_DIR WAIT PIN_CPU PLANS} (PIN_CPU -1 for no pinning; PLANS as
 * {@link RunPlan#encodeAll}). Exits 0 after the last run; exits 3 by itself if the parent JVM goes away, so an
 * interrupted sweep leaves no process behind.
 */
public final class IpcReceiverMain {
    private IpcReceiverMain() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: IpcReceiverMain CHANNEL RUN_DIR WAIT PIN_CPU PLANS");
            System.exit(2);
        }
        exitWhenParentDies();
        ChannelKind kind = ChannelKind.parse(args[0]);
        Path runDir = Path.of(args[1]);
        WaitMode wait = WaitMode.parse(args[2]);
        int pinCpu = Integer.parseInt(args[3]);
        List<RunPlan> plans = RunPlan.decodeAll(args[4]);
        if (pinCpu >= 0) {
            Optional<String> why = CpuPinning.pinCurrentThread(pinCpu);
            why.ifPresent(reason -> System.err.println("receiver not pinned: " + reason));
        }
        RunReceiver.receiveAll(runDir, plans, plan -> kind.openReceiver(runDir, plan, wait));
        System.exit(0);
    }

    private static void exitWhenParentDies() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
