package dev.framewire.core.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The CPU time a child publishes after each item: what ProcessHandle tells, from one read of /proc/self/stat. */
class ProcessCpuClockTest {

    private static long parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return ProcessCpuClock.parse(bytes, bytes.length);
    }

    @Test
    void userAndSystemTicksAreSummedAfterTheCommandWhateverItHolds() {
        assertThat(parse("3978 (cat) R 3973 3973 5968 0 -1 4194304 126 0 0 0 250 31 0 0 20 0 1 0 6311847\n"))
                .isEqualTo(281 * 10_000_000L);
        assertThat(parse("42 (a (b) c) S 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5")).isEqualTo(10 * 10_000_000L);
        assertThat(parse("42 (x) S 1 1 1 0 -1 0 0 0 0 0 7 3")).isEqualTo(10 * 10_000_000L);
    }

    @Test
    void aLineThatIsNotAStatLineGivesMinusOne() {
        assertThat(parse("no parenthesis here")).isEqualTo(-1);
        assertThat(parse("1 (x) S 1 1")).isEqualTo(-1);
        assertThat(parse("1 (x) S 1 1 1 0 -1 0 0 0 0 0 7x 3 0")).isEqualTo(-1);
    }

    @Test
    void itAgreesWithProcessHandleAndFollowsTheWork() {
        ProcessCpuClock clock = ProcessCpuClock.open();
        assertThat(clock).as("Linux has /proc/self/stat").isNotNull();
        long before = clock.nanos();
        long reference = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        assertThat(Math.abs(before - reference)).as("same source, a tick or two apart").isLessThanOrEqualTo(30_000_000L);

        // work until the reference saw 200 ms more (the wall time that takes depends on the machine's load)
        long sink = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        long referenceAfter = reference;
        while (referenceAfter - reference < 200_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Long.numberOfTrailingZeros(sink + i);
            }
            referenceAfter = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        }
        long after = clock.nanos();
        assertThat(sink).isNotNegative();
        assertThat(after - before).as("the work, as the reference saw it")
                .isCloseTo(referenceAfter - reference, org.assertj.core.data.Offset.offset(40_000_000L));
    }
}
