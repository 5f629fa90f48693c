package dev.framewire.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParkCapTest {
    private static final long SHORT = 500_000;
    private static final long LONG = 4_000_000;

    /** One wait that parked for {@code nanos} in total. */
    private static void waitOf(ParkCap cap, long nanos) {
        cap.parked(nanos / 2);
        cap.parked(nanos - nanos / 2);
        cap.waitEnded();
    }

    @Test
    void aThreadThatHasNotWaitedYetGetsTheShortCap() {
        assertThat(new ParkCap(SHORT, LONG).capNanos()).isEqualTo(SHORT);
    }

    @Test
    void givenWaitsOfAMillisecondTheCapStaysShort() {
        ParkCap cap = new ParkCap(SHORT, LONG);
        for (int i = 0; i < 100; i++) {
            waitOf(cap, 1_000_000);
        }
        assertThat(cap.capNanos()).isEqualTo(SHORT);
    }

    @Test
    void givenWaitsOfTenMillisecondsTheCapBecomesAQuarterOfThem() {
        ParkCap cap = new ParkCap(SHORT, LONG);
        for (int i = 0; i < 100; i++) {
            waitOf(cap, 10_000_000);
        }
        assertThat(cap.capNanos()).isBetween(2_400_000L, 2_500_000L);
    }

    @Test
    void givenWaitsLongerThanSixteenMillisecondsTheCapIsTheLongOne() {
        ParkCap cap = new ParkCap(SHORT, LONG);
        for (int i = 0; i < 100; i++) {
            waitOf(cap, 40_000_000);
        }
        assertThat(cap.capNanos()).isEqualTo(LONG);
    }

    @Test
    void theCapFollowsTheWaitsWithinAFewOfThem() {
        ParkCap cap = new ParkCap(SHORT, LONG);
        for (int i = 0; i < 8; i++) {
            waitOf(cap, 40_000_000);
        }
        assertThat(cap.capNanos()).as("after 8 long waits").isGreaterThan(2_000_000L);
        for (int i = 0; i < 24; i++) {
            cap.waitEnded(); // waits that ended before their first park
        }
        assertThat(cap.capNanos()).as("after 24 waits without a park").isEqualTo(SHORT);
    }

    @Test
    void capsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new ParkCap(0, LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParkCap(LONG, SHORT)).isInstanceOf(IllegalArgumentException.class);
    }
}
