package dev.framewire.core.process;

import dev.framewire.core.codec.BinaryIn;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SharedPayloadsTest {
    private final CodecRegistry registry = CodecRegistry.withDefaults();
    private RunDirectory run;
    private SharedPayloads payloads;

    @BeforeEach
    void create() {
        run = RunDirectory.create(RunDirectory.defaultParent());
        payloads = new SharedPayloads(PayloadArena.create(run.path().resolve("arena"), PayloadArena.slotBytesFor(64 << 10), 2),
                registry);
    }

    @AfterEach
    void delete() {
        payloads.close();
        run.delete();
    }

    private Frame read(SharedPayloads.Ref ref) {
        BinaryIn in = new BinaryIn().wrap(payloads.arena().address(ref.offset()), ref.length()).viewsAllowed(true);
        return (Frame) registry.readTagged(in);
    }

    @Test
    void broadcastSiblingsShareOneCopyReadInPlace() throws Exception {
        try (Frame frame = Frame.allocate(100, 100, PixelOrder.GRAY)) {
            frame.set(99, 99, 0, 42);
            SharedPayloads.Ref first = payloads.share(7, frame, 2);
            SharedPayloads.Ref second = payloads.share(7, frame, 2);
            assertThat(second).isEqualTo(first);
            assertThat(payloads.copies()).isEqualTo(1);
            assertThat(payloads.reuses()).isEqualTo(1);
            Frame view = read(first);
            assertThat(view.get(99, 99, 0)).isEqualTo(42);
            assertThat(view.address()).isBetween(payloads.arena().address(0), payloads.arena().address(0) + (128 << 10));

            // the same object under another sequence number is another item
            SharedPayloads.Ref other = payloads.share(8, frame, 1);
            assertThat(other.slot()).isNotEqualTo(first.slot());
            payloads.arena().release(first.slot());
            payloads.arena().release(second.slot());
            payloads.arena().release(other.slot());
        }
    }

    @Test
    void aFullArenaMakesTheSenderWaitUntilAChildIsDone() throws Exception {
        try (Frame a = Frame.allocate(10, 10, PixelOrder.GRAY);
             Frame b = Frame.allocate(10, 10, PixelOrder.GRAY);
             Frame c = Frame.allocate(10, 10, PixelOrder.GRAY)) {
            SharedPayloads.Ref ra = payloads.share(0, a, 1);
            SharedPayloads.Ref rb = payloads.share(1, b, 1);
            CompletableFuture<SharedPayloads.Ref> third = CompletableFuture.supplyAsync(() -> {
                try {
                    return payloads.share(2, c, 1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(third).as("both slots are held by children at work").isNotDone();
            Thread.sleep(50);
            assertThat(third).isNotDone();
            payloads.arena().release(ra.slot());
            SharedPayloads.Ref rc = third.get(10, TimeUnit.SECONDS);
            assertThat(rc.slot()).as("the lowest free slot, still warm").isEqualTo(ra.slot());
            payloads.arena().release(rb.slot());
            payloads.arena().release(rc.slot());
        }
    }

    @Test
    void aLargeCopyFaultsInTheNextColdSlotAheadOfUse() throws Exception {
        RunDirectory big = RunDirectory.create(RunDirectory.defaultParent());
        try (SharedPayloads shared = new SharedPayloads(
                PayloadArena.create(big.path().resolve("arena"), PayloadArena.slotBytesFor(1 << 20), 3), registry);
             Frame frame = Frame.allocate(1024, 1000, PixelOrder.GRAY)) {
            frame.set(1023, 999, 0, 7);
            SharedPayloads.Ref first = shared.share(0, frame, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (shared.prefaults() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(shared.prefaults()).as("slot 1 faulted in by the background thread").isEqualTo(1);
            SharedPayloads.Ref second = shared.share(1, frame, 1);
            assertThat(second.slot()).isEqualTo(1);
            BinaryIn in = new BinaryIn().wrap(shared.arena().address(second.offset()), second.length()).viewsAllowed(true);
            assertThat(((Frame) registry.readTagged(in)).get(1023, 999, 0)).as("prefaulting reads, never writes").isEqualTo(7);
            shared.arena().release(first.slot());
            shared.arena().release(second.slot());
        } finally {
            big.delete();
        }
    }

    @Test
    void prefaultTouchesOnePagePerPageOfTheSlotAndNoMore() {
        PayloadArena arena = payloads.arena();
        long page = dev.framewire.core.codec.RawMemory.pageSize();
        assertThat(arena.prefault(1, 3 * page + 1)).isEqualTo(4);
        assertThat(arena.prefault(0, Long.MAX_VALUE)).isEqualTo(arena.slotBytes() / page);
    }
}
