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

/** What children do with the files the coordinator's options name: a flight recording, a log. */
class ChildOwnFilesTest {
    @TempDir
    Path runs;
    @TempDir
    Path recordings;

    @Test
    void eachChildWritesItsRecordingAndLogToFilesOfItsOwnNamedAfterIt() throws Exception {
        Path asked = recordings.resolve("scorer.jfr");
        Path gcLog = runs.resolve("gc.log");
        NetworkBuilder b = Network.builder("recorded");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 20).boxed().iterator());
        var doubled = b.transform("double", numbers.out(), Integer.class, i -> 2 * i).workers(2);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        b.sink("collect", doubled.out(), out::add);

        b.build().runProcesses(ProcessOptions.defaults().withRunDirectoryParent(runs)
                        .withJvmOptions(List.of("-XX:StartFlightRecording=settings=default,filename=" + asked,
                                "-Xlog:gc*:file=" + gcLog + ":uptime")),
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
        assertThat(runs.resolve("gc-double-0-g0.log")).content().contains("Using Serial");
        assertThat(runs.resolve("gc-double-1-g0.log")).content().contains("Using Serial");
        assertThat(gcLog).as("nobody wrote the coordinator's log").doesNotExist();
    }

    @Test
    void onlyAFileOfAFixedNameIsRenamedForAChild() {
        assertThat(JvmLauncher.ownFile("-XX:StartFlightRecording=filename=/tmp/rec.jfr,settings=profile",
                "decode-0-g0")).isEqualTo("-XX:StartFlightRecording=filename=/tmp/rec-decode-0-g0.jfr,settings=profile");
        assertThat(JvmLauncher.ownFile("-XX:StartFlightRecording:settings=profile,filename=out", "kept-3-exposure"))
                .isEqualTo("-XX:StartFlightRecording:settings=profile,filename=out-kept-3-exposure");
        assertThat(JvmLauncher.ownFile("-Xlog:gc*:file=/var/log/app.d/gc.log:time,uptime:filecount=5", "decode-1-g2"))
                .isEqualTo("-Xlog:gc*:file=/var/log/app.d/gc-decode-1-g2.log:time,uptime:filecount=5");
        assertThat(JvmLauncher.ownFile("-Xlog:safepoint:file=\"/tmp/my logs/sp.txt\"", "sharpness-0-g0"))
                .isEqualTo("-Xlog:safepoint:file=\"/tmp/my logs/sp-sharpness-0-g0.txt\"");
        assertThat(JvmLauncher.ownFile("-Xloggc:/tmp/v1.2/gc", "exposure-0-g0")).isEqualTo("-Xloggc:/tmp/v1.2/gc-exposure-0-g0");
        assertThat(JvmLauncher.ownFile("-XX:HeapDumpPath=/tmp/oom.hprof", "decode-0-g0"))
                .isEqualTo("-XX:HeapDumpPath=/tmp/oom-decode-0-g0.hprof");
        assertThat(JvmLauncher.ownFile("-XX:LogFile=compilation.log", "decode-0-g0"))
                .isEqualTo("-XX:LogFile=compilation-decode-0-g0.log");
        for (String kept : List.of("-XX:HeapDumpPath=" + recordings, "-XX:HeapDumpPath=/tmp/oom-%p.hprof",
                "-XX:StartFlightRecording", "-XX:StartFlightRecording=duration=30s",
                "-XX:FlightRecorderOptions=stackdepth=96", "-Dfilename=x.jfr", "-Xmx1g", "-Xlog:gc", "-Xlog:gc:stderr",
                "-Xlog:gc*:file=gc-%p.log", "-Xlog:disable")) {
            assertThat(JvmLauncher.ownFile(kept, "decode-0-g0")).isEqualTo(kept);
        }
    }

    @Test
    void aChildAskedToRecordNeverWritesItsNodesClassArchiveSinceItWouldThenWriteNoRecording() {
        assertThat(ChildJvm.startsRecording(List.of("-Xmx1g", "-XX:StartFlightRecording=filename=a.jfr"))).isTrue();
        assertThat(ChildJvm.startsRecording(List.of("-Xmx1g", "-XX:FlightRecorderOptions=stackdepth=96"))).isFalse();
    }
}
