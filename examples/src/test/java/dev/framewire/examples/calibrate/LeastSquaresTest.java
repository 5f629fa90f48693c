package dev.framewire.examples.calibrate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LeastSquaresTest {
    @Test
    void recovers_the_weights_of_an_exactly_consistent_system() {
        double[] w = {0.25, 0.5, 0.125};
        Random random = new Random(7);
        double[][] rows = new double[12][3];
        double[] b = new double[12];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = random.nextDouble();
                b[i] += w[j] * rows[i][j];
            }
        }
        assertThat(LeastSquares.solve(rows, b)).containsExactly(w, within(1e-12));
    }

    @Test
    void an_inconsistent_system_gets_the_solution_of_the_normal_equations() {
        // A = [[1,0],[0,1],[1,1]], b = [1,1,0]: AᵀA = [[2,1],[1,2]], Aᵀb = [1,1] -> x = [1/3, 1/3]
        double[] x = LeastSquares.solve(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 1, 0});
        assertThat(x).containsExactly(new double[] {1.0 / 3, 1.0 / 3}, within(1e-12));
    }

    @Test
    void does_not_modify_its_inputs() {
        double[][] rows = {{1, 0}, {0, 1}, {1, 1}};
        double[] b = {1, 1, 0};
        LeastSquares.solve(rows, b);
        assertThat(rows[2]).containsExactly(1, 1);
        assertThat(b).containsExactly(1, 1, 0);
    }

    @Test
    void linearly_dependent_scores_are_refused_with_a_reason() {
        assertThatThrownBy(() -> LeastSquares.solve(new double[][] {{1, 2}, {2, 4}, {3, 6}}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linearly dependent");
    }

    @Test
    void fewer_rows_than_unknowns_are_refused() {
        assertThatThrownBy(() -> LeastSquares.solve(new double[][] {{1, 2, 3}}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 rows");
    }
}
