package dev.framewire.core.engine;

import java.util.List;

/** Test helper: the threads of a run still alive, found by the thread engine's naming scheme. */
final class RunThreads {
    private RunThreads() {
    }

    static List<String> alive(String network) {
        String prefix = "framewire-" + network + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }
}
