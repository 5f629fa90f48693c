package dev.framewire.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParkCapTest {
    private static final long SHORT = 500_000;
    private static final long LONG = 4_000_000;

    /** {@code count} waits, each of which parked twice, for {@code nanos} in total. */
    private static ParkCap afterWaits(ParkCap cap, int count, long nanos) {
        for (int i = 0; i < count; i++) {
            cap.parked(nanos / 2);
            cap.parked(nanos - nanos / 2);
            cap.waitEnded();
        }
        return cap;
    }

    @Test
    void aThreadThatHasNotWaitedYetGetsTheShortCap() {
        assertThat(new ParkCap(SHORT, LONG).capNanos()).isEqualTo(SHORT);
    }

    /** After many waits of the same length: short waits keep the short cap, longer ones a quarter, up to the long cap. */
    @ParameterizedTest(name = "waits of {0} ns give a cap of {1} to {2} ns")
    @CsvSource({
            "1000000, 500000, 500000",
            "10000000, 2400000, 2500000",
            "40000000, 4000000, 4000000",
    })
    void givenManyWaitsOfOneLengthTheCapIsAQuarterOfItWithinTheBounds(long wait, long lowest, long highest) {
        ParkCap cap = afterWaits(new ParkCap(SHORT, LONG), 100, wait);
        assertThat(cap.capNanos()).isBetween(lowest, highest);
    }

    @Test
    void theCapFollowsTheWaitsWithinAFewOfThem() {
        ParkCap cap = afterWaits(new ParkCap(SHORT, LONG), 8, 40_000_000);
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
