package dev.framewire.core.process;

import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What children do with a flight recording the coordinator's options start into a named file. */
class ChildRecordingTest {
    @TempDir
    Path runs;
    @TempDir
    Path recordings;

    @Test
    void eachChildWritesItsRecordingToAFileOfItsOwnNamedAfterIt() throws Exception {
        Path asked = recordings.resolve("scorer.jfr");
        NetworkBuilder b = Network.builder("recorded");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 20).boxed().iterator());
        var doubled = b.transform("double", numbers.out(), Integer.class, i -> 2 * i).workers(2);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        b.sink("collect", doubled.out(), out::add);

        b.build().runProcesses(ProcessOptions.defaults().withRunDirectoryParent(runs)
                        .withJvmOptions(List.of("-XX:StartFlightRecording=settings=default,filename=" + asked)),
                RunOptions.defaults().withTimeout(Duration.ofSeconds(120)));

        assertThat(out).hasSize(20);
        try (var files = Files.list(recordings)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("node, replica, generation")
                    .containsExactlyInAnyOrder("scorer-double-0-g0.jfr", "scorer-double-1-g0.jfr");
        }
        Set<Long> pids = new HashSet<>();
        try (var files = Files.list(recordings)) {
            for (Path f : files.toList()) {
                // unreadable if two JVMs had written it
                for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
                    if (e.getEventType().getName().equals("jdk.JVMInformation")) {
                        pids.add(e.getLong("pid"));
                    }
                }
            }
        }
        assertThat(pids).as("one recording per child JVM").hasSize(2);
    }

    @Test
    void onlyARecordingIntoANamedFileIsRenamedForAChild() {
        assertThat(JvmLauncher.ownRecording("-XX:StartFlightRecording=filename=/tmp/rec.jfr,settings=profile",
                "decode-0-g0")).isEqualTo("-XX:StartFlightRecording=filename=/tmp/rec-decode-0-g0.jfr,settings=profile");
        assertThat(JvmLauncher.ownRecording("-XX:StartFlightRecording:settings=profile,filename=out", "kept-3-exposure"))
                .isEqualTo("-XX:StartFlightRecording:settings=profile,filename=out-kept-3-exposure.jfr");
        for (String kept : List.of("-XX:StartFlightRecording", "-XX:StartFlightRecording=duration=30s",
                "-XX:FlightRecorderOptions=stackdepth=96", "-Dfilename=x.jfr", "-Xmx1g")) {
            assertThat(JvmLauncher.ownRecording(kept, "decode-0-g0")).isEqualTo(kept);
        }
    }

    @Test
    void aChildAskedToRecordNeverWritesItsNodesClassArchiveSinceItWouldThenWriteNoRecording() {
        assertThat(ChildJvm.startsRecording(List.of("-Xmx1g", "-XX:StartFlightRecording=filename=a.jfr"))).isTrue();
        assertThat(ChildJvm.startsRecording(List.of("-Xmx1g", "-XX:FlightRecorderOptions=stackdepth=96"))).isFalse();
    }
}
