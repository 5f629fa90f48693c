package dev.framewire.analyzers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class PhotoScoreTest {
    private final PhotoScore defaults = PhotoScore.defaults();

    @Test
    void defaultsAreSpecWeightsAndThresholds() {
        assertThat(defaults.sharpnessWeight()).isEqualTo(0.4);
        assertThat(defaults.exposureWeight()).isEqualTo(0.4);
        assertThat(defaults.compositionWeight()).isEqualTo(0.2);
        assertThat(defaults.postItThreshold()).isEqualTo(0.50);
        assertThat(defaults.maybeThreshold()).isEqualTo(0.30);
    }

    @Test
    void aTotalJustBelowOneHalfShowsAsOneHalfButStaysMaybe() {
        // 0.4 * 0.4999 + 0.4 * 0.4999 + 0.2 * 0.5002 = 0.49996
        PhotoVerdict verdict = defaults.score(0.4999, 0.4999, 0.5002);

        assertThat(verdict.total()).isCloseTo(0.49996, offset(1e-12)).isLessThan(0.5);
        assertThat(verdict.qualityScore()).isEqualTo(0.5);
        assertThat(verdict.verdict()).isEqualTo(Verdict.MAYBE);
        assertThat(verdict.verdict().label()).isEqualTo("maybe");
    }

    @Test
    void analyzerScoresAreRoundedToFourDecimalsBeforeWeighting() {
        // Unrounded the total would be 0.50004 (post_it); each score rounds down to 0.5, so the total is exactly 0.5.
        PhotoVerdict verdict = defaults.score(0.50004, 0.50004, 0.50004);

        assertThat(verdict.total()).isEqualTo(0.5);
        assertThat(verdict.verdict()).isEqualTo(Verdict.MAYBE);
    }

    @Test
    void thresholdsAreStrict() {
        assertThat(defaults.score(0.5, 0.5, 0.5).verdict()).isEqualTo(Verdict.MAYBE);
        assertThat(defaults.score(0.3, 0.3, 0.3).verdict()).isEqualTo(Verdict.DELETE);
        assertThat(defaults.score(0.5001, 0.5001, 0.5001).verdict()).isEqualTo(Verdict.POST_IT);
        assertThat(defaults.score(0.5001, 0.5001, 0.5001).verdict().label()).isEqualTo("post_it");
        assertThat(defaults.score(0, 0, 0).verdict().label()).isEqualTo("delete");
    }

    @Test
    void theTotalIsClampedToOne() {
        PhotoVerdict verdict = defaults.withWeights(1, 1, 1).score(1, 1, 1);

        assertThat(verdict.total()).isEqualTo(1.0);
        assertThat(verdict.qualityScore()).isEqualTo(1.0);
    }

    @Test
    void customWeightsAndThresholdsChangeTheVerdict() {
        PhotoScore sharpnessOnly = defaults.withWeights(1, 0, 0).withThresholds(0.8, 0.1);

        assertThat(sharpnessOnly.score(0.9, 0, 0).verdict()).isEqualTo(Verdict.POST_IT);
        assertThat(sharpnessOnly.score(0.5, 1, 1).verdict()).isEqualTo(Verdict.MAYBE);
        assertThat(sharpnessOnly.score(0.05, 1, 1).verdict()).isEqualTo(Verdict.DELETE);
        assertThat(defaults.score(0.9, 0, 0).verdict()).as("the defaults are untouched").isEqualTo(Verdict.MAYBE);
    }

    @Test
    void scoresAWholeAnalysis() {
        PhotoAnalysis analysis = new PhotoAnalysis(SharpnessResult.of(2500),
                ExposureResult.of(0.5, 0, 0, LuminanceHistogram.of(new long[256])),
                CompositionResult.of(10, 100, 0.4, 0.2));
        PhotoVerdict verdict = defaults.score(analysis);

        // 0.4 * 0.25 + 0.4 * ExposureResult.score(0.5, 0, 0) + 0.2 * 0.8
        double exposure = Decimals.round(ExposureResult.score(0.5, 0, 0), 4);
        assertThat(verdict.total()).isEqualTo(0.4 * 0.25 + 0.4 * exposure + 0.2 * 0.8);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> defaults.withWeights(-0.1, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharpness weight");
        assertThatThrownBy(() -> defaults.withWeights(0.4, Double.NaN, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exposure weight");
        assertThatThrownBy(() -> defaults.withThresholds(0.3, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe threshold 0.5");
        assertThatThrownBy(() -> defaults.score(null)).isInstanceOf(NullPointerException.class);
    }
}
