package dev.framewire.examples.archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {
    @Test
    void spells_numbers_like_the_reference_archive() {
        assertThat(Decimals.format(18.522723366445003, 2)).isEqualTo("18.52");
        assertThat(Decimals.format(0.0, 4)).isEqualTo("0.0");
        assertThat(Decimals.format(-0.0, 4)).isEqualTo("0.0");
        assertThat(Decimals.format(5.9375e-05, 4)).isEqualTo("0.0001");
        assertThat(Decimals.format(0.00004, 4)).isEqualTo("0.0");
        assertThat(Decimals.format(2000, 2)).isEqualTo("2000.0");
        assertThat(Decimals.format(1.0, 3)).isEqualTo("1.0");
        assertThat(Decimals.format(0.4772859881637076, 4)).isEqualTo("0.4773");
        assertThat(Decimals.format(123456789.125, 2)).isEqualTo("123456789.12");
    }

    @Test
    void rounds_the_exact_binary_value_half_even_like_python_round() {
        assertThat(Decimals.format(0.49996, 3)).isEqualTo("0.5");
        assertThat(Decimals.format(2.675, 2)).isEqualTo("2.67"); // 2.675 is 2.67499999... in binary
        assertThat(Decimals.format(0.125, 2)).isEqualTo("0.12"); // an exact tie goes to even
        assertThat(Decimals.format(0.375, 2)).isEqualTo("0.38");
    }

    @Test
    void refuses_nan_and_infinity() {
        assertThatThrownBy(() -> Decimals.format(Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decimals.format(Double.POSITIVE_INFINITY, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
