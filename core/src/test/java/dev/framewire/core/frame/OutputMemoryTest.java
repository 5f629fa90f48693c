package dev.framewire.core.frame;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class OutputMemoryTest {
    @Test
    void anOfferIsClaimedOnceOnItsOwnThreadForWhatFitsAndWithdrawnAfterwards() throws Exception {
        assertThat(OutputMemory.claim(10)).as("nothing offered").isZero();
        OutputMemory.offer(4096, 100);
        try {
            assertThat(CompletableFuture.supplyAsync(() -> OutputMemory.claim(10)).get()).as("another thread").isZero();
            assertThat(OutputMemory.claim(101)).as("too large").isZero();
            assertThat(OutputMemory.claim(100)).isEqualTo(4096);
            assertThat(OutputMemory.claim(1)).as("claimed already").isZero();
        } finally {
            assertThat(OutputMemory.withdraw()).as("what was claimed").isEqualTo(4096);
        }
        assertThat(OutputMemory.claim(1)).as("withdrawn").isZero();
        OutputMemory.offer(8192, 10);
        assertThat(OutputMemory.withdraw()).as("not claimed").isZero();
    }
}
