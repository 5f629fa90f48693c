package dev.framewire.core.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeWaitTest {
    private final HandshakeWait wait = new HandshakeWait(20_000, 5_000_000);

    @Test
    void atTheStartOfAWaitItParksItsShortestPark() {
        assertThat(wait.parkNanos(0)).isEqualTo(20_000);
        assertThat(wait.parkNanos(100_000)).isEqualTo(20_000);
    }

    @Test
    void laterItParksAnEighthOfTheTimeWaitedSoFarSoItWakesAtMostAnEighthLate() {
        // a kept child's handshake: 3 ms in, it looks again within 375 us
        assertThat(wait.parkNanos(3_000_000)).isEqualTo(375_000);
        assertThat(wait.parkNanos(16_000_000)).isEqualTo(2_000_000);
    }

    @Test
    void aLongWaitSuchAsANewJvmBootingParksAtMostItsLongestPark() {
        assertThat(wait.parkNanos(800_000_000)).isEqualTo(5_000_000);
    }

    @Test
    void boundsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new HandshakeWait(0, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandshakeWait(2_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
