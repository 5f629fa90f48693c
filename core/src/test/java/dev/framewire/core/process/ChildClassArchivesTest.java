package dev.framewire.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which class-data-sharing archives a node keeps once its child made a new one. */
class ChildClassArchivesTest {
    @TempDir
    Path dir;

    private Path archive(String key, String node, long minutesAgo) throws Exception {
        Path f = Files.writeString(dir.resolve(key + "-" + node + ".jsa"), key);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - minutesAgo * 60_000));
        return f;
    }

    private static String key(char c) {
        return String.valueOf(c).repeat(20);
    }

    @Test
    void givenANewArchiveTheNodeKeepsTheOtherBuildsUsedLastAndNothingOfOtherNodesIsTouched() throws Exception {
        Path newest = archive(key('a'), "decode", 0);
        Path[] others = new Path[5];
        for (int i = 0; i < others.length; i++) {
            others[i] = archive(key((char) ('b' + i)), "decode", 10 * (i + 1)); // b used last, f first
        }
        Path otherNode = archive(key('f'), "sharpness", 500);
        // temporaries: one left by a child killed two hours ago, one being written now
        Path staleTemporary = Files.writeString(dir.resolve(key('g') + "-decode.jsa.1234.tmp"), "left");
        Files.setLastModifiedTime(staleTemporary, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));
        Path freshTemporary = Files.writeString(dir.resolve(key('h') + "-decode.jsa.5678.tmp"), "being written");

        ChildJvm.removeSuperseded(newest);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(newest, others[0], others[1], others[2], otherNode,
                    freshTemporary);
        }
    }

    @Test
    void childrenThatInheritAnAgentGetNoArchiveSinceAJvmWithAnAgentCannotWriteOne() {
        assertThat(ChildJvm.loadsAgent(List.of("-Xmx1g", "-javaagent:/ide/idea_rt.jar=41234:/ide/bin"))).isTrue();
        assertThat(ChildJvm.loadsAgent(List.of("-agentpath:/opt/profiler/libprofiler.so=start"))).isTrue();
        assertThat(ChildJvm.loadsAgent(List.of("-agentlib:someagent"))).isTrue();
        assertThat(ChildJvm.loadsAgent(List.of("-Xmx1g", "-Dagentpath=x", "-XX:+UseSerialGC"))).isFalse();
    }
}
