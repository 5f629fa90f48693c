package dev.framewire.examples.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The measurement rules, without timing assertions: schedule, intended-time accounting, plans and sizes. */
class IpcMeasurementTest {

    /** Records what the sender asked for; stalls on chosen messages like a full channel would. */
    private static final class StallingEndpoint implements SendEndpoint {
        final List<Long> intended = new ArrayList<>();
        final List<Integer> flags = new ArrayList<>();
        boolean ended;

        @Override
        public void send(long sequence, long intendedNanos, int flag) {
            intended.add(intendedNanos);
            flags.add(flag);
            if (sequence == 0) {
                LockSupport.parkNanos(30_000_000);
            }
        }

        @Override
        public void sendEnd() {
            ended = true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aLateSenderStillStampsTheScheduleSoTheStallIsChargedToEveryDelayedMessage() {
        StallingEndpoint endpoint = new StallingEndpoint();
        // 1000 msg/s for 20 ms: 20 messages due 1 ms apart; the first send stalls 30 ms, past the whole schedule
        RunPlan plan = new RunPlan(0, 64, 1000, 0, 20_000_000);

        long sent = RunSender.send(endpoint, plan, WaitMode.BLOCKING);

        assertThat(sent).isEqualTo(20);
        assertThat(endpoint.ended).isTrue();
        for (int i = 1; i < endpoint.intended.size(); i++) {
            assertThat(endpoint.intended.get(i) - endpoint.intended.get(0)).isEqualTo(i * 1_000_000L);
        }
    }

    @Test
    void atFullSpeedASendThatOutlastsTheRunStillLeavesRecordedMessages() {
        StallingEndpoint endpoint = new StallingEndpoint();
        // the first send stalls 30 ms, far past a 1 ms warm-up and a 1 ms run
        RunPlan plan = new RunPlan(0, 64, 0, 1_000_000, 1_000_000);

        RunSender.send(endpoint, plan, WaitMode.BUSY);

        assertThat(endpoint.flags.stream().filter(f -> f == 0).count())
                .isEqualTo(RunSender.MIN_RECORDED_AT_FULL_SPEED);
    }

    @Test
    void messagesDueDuringWarmupAreFlaggedAndNotRecorded() {
        StallingEndpoint endpoint = new StallingEndpoint();
        RunPlan plan = new RunPlan(0, 64, 1000, 5_000_000, 5_000_000);

        RunSender.send(endpoint, plan, WaitMode.BLOCKING);

        assertThat(endpoint.flags).hasSize(10);
        assertThat(endpoint.flags.subList(0, 5)).containsOnly(IpcMessage.FLAG_WARMUP);
        assertThat(endpoint.flags.subList(5, 10)).containsOnly(0);
    }

    @Test
    void latencyFromTheIntendedTimeIncludesTheSendersDelayAndFromSendDoesNot(@TempDir Path dir) {
        LatencyRecorder recorder = new LatencyRecorder();
        Received message = new Received();
        message.intendedNanos = 1_000_000;
        message.sentNanos = 5_000_000;
        recorder.record(message, 5_010_000);

        LatencyRecorder reloaded = roundTrip(recorder, dir.resolve("result.txt"));

        assertThat(reloaded.messages).isEqualTo(1);
        assertThat(reloaded.fromIntended.getMaxValue()).isBetween(4_005_000L, 4_015_000L);
        assertThat(reloaded.fromSent.getMaxValue()).isBetween(9_990L, 10_010L);
    }

    private static LatencyRecorder roundTrip(LatencyRecorder recorder, Path file) {
        recorder.save(file);
        return LatencyRecorder.load(file);
    }

    @Test
    void anIncompleteMessageIsRefused() {
        Received message = new Received();
        message.sequence = 7;
        message.length = 4096;

        assertThatThrownBy(() -> message.checkTail(6)).hasMessageContaining("message 7 of 4096 bytes arrived incomplete");
    }

    @Test
    void largeMessagesGetAFixedRateTheChannelCanSustain() {
        IpcSettings settings = new IpcSettings(List.of(ChannelKind.IN_JVM), List.of(64, 36_000_000), 5000, 400e6,
                true, true, 0, 1, WaitMode.BLOCKING, false, Path.of("."));

        assertThat(settings.offeredRate(64)).isEqualTo(5000);
        assertThat(settings.offeredRate(36_000_000)).isCloseTo(11.11, org.assertj.core.api.Assertions.within(0.01));
        assertThat(settings.plans()).extracting(RunPlan::messageBytes, RunPlan::fullSpeed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(64, false), org.assertj.core.groups.Tuple.tuple(64, true),
                org.assertj.core.groups.Tuple.tuple(36_000_000, false), org.assertj.core.groups.Tuple.tuple(36_000_000, true));
        assertThat(RunPlan.decodeAll(RunPlan.encodeAll(settings.plans()))).isEqualTo(settings.plans());
        // the receiver of the first run is a fresh JVM: it warms up longer than the others
        assertThat(settings.plans()).extracting(RunPlan::warmupNanos)
                .containsExactly(IpcSettings.FIRST_RUN_WARMUP_NANOS, 0L, 0L, 0L);
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertThat(IpcCommand.parseSize("64")).isEqualTo(64);
        assertThat(IpcCommand.parseSize("4K")).isEqualTo(4096);
        assertThat(IpcCommand.parseSize("1m")).isEqualTo(1 << 20);
        assertThat(IpcReport.sizeLabel(36_000_000)).isEqualTo("36 MB");
        assertThat(IpcReport.sizeLabel(1 << 20)).isEqualTo("1 MiB");
    }
}
