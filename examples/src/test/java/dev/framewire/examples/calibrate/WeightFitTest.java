package dev.framewire.examples.calibrate;

import dev.framewire.examples.scorer.ScoringWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightFitTest {
    /** A person who only cares about exposure: the fit must find that, and beat the defaults at reproducing them. */
    @Test
    void finds_the_weights_a_person_judged_by() {
        Random random = new Random(42);
        ScoringWeights theirs = ScoringWeights.DEFAULT.withWeights(0.05, 0.9, 0.05);
        List<WeightFit.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double s = random.nextDouble();
            double e = random.nextDouble();
            double c = random.nextDouble();
            double total = theirs.total(s, e, c);
            samples.add(new WeightFit.Sample("p" + i, s, e, c,
                    Label.parse("p" + i, Double.toString(total), 0.5, 0.3)));
        }
        WeightFit.Result result = WeightFit.fit(samples, ScoringWeights.DEFAULT);
        assertThat(result.fitted().sharpness()).isCloseTo(0.05, within(1e-3));
        assertThat(result.fitted().exposure()).isCloseTo(0.9, within(1e-3));
        assertThat(result.fitted().composition()).isCloseTo(0.05, within(1e-3));
        assertThat(result.fittedReproduced()).isEqualTo(40);
        assertThat(result.currentReproduced()).isLessThan(40);
        assertThat(result.fitted().postItAbove()).isEqualTo(0.5);
    }

    /** Someone who prefers blurry photos would need a negative sharpness weight: it stays at zero instead. */
    @Test
    void weights_never_go_negative() {
        List<WeightFit.Sample> samples = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 30; i++) {
            double s = random.nextDouble();
            double e = random.nextDouble();
            double c = random.nextDouble();
            double target = Math.max(0, Math.min(1, 0.6 * e + 0.3 * c - 0.3 * s + 0.1));
            samples.add(new WeightFit.Sample("p" + i, s, e, c, Label.parse("p" + i, Double.toString(target), 0.5, 0.3)));
        }
        WeightFit.Result result = WeightFit.fit(samples, ScoringWeights.DEFAULT);
        assertThat(result.fitted().sharpness()).isZero();
        assertThat(result.fitted().exposure()).isPositive();
        assertThat(result.fitted().composition()).isPositive();
    }

    @Test
    void needs_three_labels() {
        List<WeightFit.Sample> two = List.of(
                new WeightFit.Sample("a", 1, 0, 0, Label.parse("a", "post_it", 0.5, 0.3)),
                new WeightFit.Sample("b", 0, 1, 0, Label.parse("b", "delete", 0.5, 0.3)));
        assertThatThrownBy(() -> WeightFit.fit(two, ScoringWeights.DEFAULT)).hasMessageContaining("at least 3");
    }
}
