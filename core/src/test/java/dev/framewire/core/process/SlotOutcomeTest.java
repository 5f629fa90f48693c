package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Frames made by a child come back in the arena slot the coordinator granted its order, and go on to other children
 * from there, without another copy; with no slot to spare they take the old path, and a child that dies after
 * writing into its grant leaks nothing. One run carries the whole story (forking JVMs is slow on a 2-core machine).
 */
class SlotOutcomeTest {
    @TempDir
    Path parent;

    @Test
    void frameOutcomesLandInTheirGrantAndAreSharedFromThereWithoutACopy() throws Exception {
        ProcessRun run = ProcessRun.start(ProcessOptions.defaults().withRunDirectoryParent(parent).withMaxRestarts(2)
                        .withLargestPayload(1 << 20).withArenaSlots(4),
                CodecRegistry.withDefaults(), List.of(new ProcessRun.Deployment("maker", 1, new FaultyNode()),
                        new ProcessRun.Deployment("reader", 2, new FaultyNode())));
        try {
            SharedPayloads payloads = run.payloads();
            PayloadArena arena = payloads.arena();
            RemoteWorker maker = run.worker("maker", 0);
            byte[] expected;
            try (Frame local = FaultyNode.madeFrame(5)) {
                expected = FaultyNode.bytes(local);
            }

            // 1. the frame comes back in place, byte for byte what the node made, geometry and padding included
            Frame made = (Frame) maker.compute(0, "frame:5");
            assertThat(arena.slotOf(made.address())).as("wrapped in its arena slot").isNotNegative();
            assertThat(payloads.adopted()).isEqualTo(1);
            assertThat(made.width()).isEqualTo(306);
            assertThat(made.stride()).isEqualTo(306 * 3 + 7);
            assertThat(FaultyNode.bytes(made)).isEqualTo(expected);

            // 2. broadcast to two readers: each reads the very slot, nothing is copied
            long copies = payloads.copies();
            RemoteWorker r0 = run.worker("reader", 0);
            RemoteWorker r1 = run.worker("reader", 1);
            assertThat(r0.send(1, made, 2, 1)).as("shared by reference").isFalse();
            assertThat(r1.send(1, made, 2, 1)).isFalse();
            made.release(); // the coordinator is done with it; the readers still hold the slot
            int corners = (expected[0] & 0xFF) + (expected[expected.length - 3] & 0xFF);
            for (RemoteWorker r : List.of(r0, r1)) {
                FaultyNode.FrameSummary s = (FaultyNode.FrameSummary) r.next().valueOrThrow();
                assertThat(s.corners()).isEqualTo(corners);
            }
            assertThat(payloads.copies()).as("no copy into the arena").isEqualTo(copies);
            assertThat(arena.inUse()).as("slot recycled once every holder was done").isZero();

            // 3. a node that answers with something else: no grant kept, later orders carry none
            assertThat(maker.compute(2, "last-made-open")).as("the child freed its frame once copied into the slot")
                    .isEqualTo(false);
            assertThat(arena.inUse()).isZero();
            long grants = payloads.grants();
            assertThat(maker.compute(3, "y")).isEqualTo("Y");
            assertThat(payloads.grants()).as("no grants to a node that outputs no frames").isEqualTo(grants);
            // ...until it makes a frame again: that one by the old path, the next in place
            Frame old = (Frame) maker.compute(4, "frame:5");
            assertThat(arena.slotOf(old.address())).isNegative();
            assertThat(FaultyNode.bytes(old)).isEqualTo(expected);
            old.release();
            Frame again = (Frame) maker.compute(5, "frame:5");
            assertThat(arena.slotOf(again.address())).isNotNegative();
            again.release();

            // 4. arena exhausted (all but one slot held): no grant, the old path, same bytes
            List<Integer> held = new ArrayList<>();
            for (int s; held.size() < arena.slots() - 1 && (s = arena.tryAcquire()) >= 0; ) {
                held.add(s);
            }
            long adopted = payloads.adopted();
            Frame fallback = (Frame) maker.compute(6, "frame:5");
            assertThat(arena.slotOf(fallback.address())).as("a fresh frame, not in the arena").isNegative();
            assertThat(payloads.adopted()).isEqualTo(adopted);
            assertThat(FaultyNode.bytes(fallback)).isEqualTo(expected);
            fallback.release();
            held.forEach(arena::release);
            assertThat(arena.inUse()).isZero();

            // 5. a child that writes over its grant (the whole arena, even) and dies before answering: exactly that
            // item fails, the slot comes back, the restarted child's frames are right
            Path file = run.directory().path().resolve(ProcessRun.ARENA);
            maker.send(7, "scribble-sigkill:" + file, 1, 3);
            maker.send(8, "frame:6", 1, 3);
            RemoteWorker.Result died = maker.next();
            assertThat(died.sequence()).isEqualTo(7);
            assertThatThrownBy(died::valueOrThrow).isInstanceOf(ChildFailedException.class)
                    .hasMessageContaining("while computing item 7");
            Frame after = (Frame) maker.next().valueOrThrow();
            assertThat(arena.slotOf(after.address())).as("the restarted child was granted a slot").isNotNegative();
            try (Frame local = FaultyNode.madeFrame(6)) {
                assertThat(FaultyNode.bytes(after)).isEqualTo(FaultyNode.bytes(local));
            }
            after.release();
            assertThat(maker.inFlight()).isZero();
            assertThat(arena.inUse()).as("every arena slot given back").isZero();
            assertThat(run.restarts()).containsEntry("maker", 1);
        } finally {
            run.kill();
            run.close();
        }
        assertThat(ProcessHandle.current().children().toList()).as("no child left").isEmpty();
        try (var entries = Files.list(parent)) {
            assertThat(entries.toList()).as("run directory removed").isEmpty();
        }
    }
}
