package dev.framewire.examples.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The receiving side of a sweep: for each run in order, opens the channel, says it is ready, records every
 * non-warm-up message until the end message, and saves the recording for the sender's side to read.
 */
final class RunReceiver {
    private RunReceiver() {
    }

    static void receiveAll(Path runDir, List<RunPlan> plans, Function<RunPlan, ReceiveEndpoint> open) {
        Received message = new Received();
        for (RunPlan plan : plans) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (ReceiveEndpoint endpoint = open.apply(plan)) {
                touch(RunFiles.ready(runDir, plan));
                while (true) {
                    long now = endpoint.receive(message);
                    if (message.isEnd()) {
                        break;
                    }
                    if (!message.isWarmup()) {
                        recorder.record(message, now);
                    }
                }
            }
            recorder.save(RunFiles.result(runDir, plan));
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
