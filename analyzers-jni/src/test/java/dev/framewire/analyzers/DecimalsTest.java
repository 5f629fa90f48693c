package dev.framewire.analyzers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The expected values are what CPython 3 prints for the same expressions. */
class DecimalsTest {
    @Test
    void roundsTheExactBinaryValueLikePython() {
        assertThat(Decimals.round(2.675, 2)).isEqualTo(2.67);   // 2.67499999... in binary
        assertThat(Decimals.round(0.00005, 4)).isEqualTo(0.0001); // 5.0000000000000002e-05 in binary
        assertThat(Decimals.round(0.49996, 3)).isEqualTo(0.5);
        assertThat(Decimals.round(1.0005, 3)).isEqualTo(1.0);   // 1.000499999... in binary
    }

    @Test
    void exactTiesGoToEven() {
        assertThat(Decimals.round(0.125, 2)).isEqualTo(0.12);
        assertThat(Decimals.round(0.375, 2)).isEqualTo(0.38);
        assertThat(Decimals.round(2.5, 0)).isEqualTo(2.0);
        assertThat(Decimals.format(0.125, 2)).isEqualTo("0.12");
    }

    @Test
    void formatsLikePythonFixedPoint() {
        assertThat(Decimals.format(0.1005 * 100, 1)).isEqualTo("10.1");
        assertThat(Decimals.format(0.3, 2)).isEqualTo("0.30");
        assertThat(Decimals.format(7, 1)).isEqualTo("7.0");
        assertThat(Decimals.format(-0.001, 1)).isEqualTo("-0.0");
    }
}
