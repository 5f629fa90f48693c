package dev.framewire.examples.scorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringWeightsTest {
    @TempDir
    Path dir;

    @Test
    void a_written_weights_file_reads_back_equal() throws Exception {
        ScoringWeights w = new ScoringWeights(0.123456789, 0.7, 0.0, 0.6, 0.25);
        Path file = dir.resolve("w.json");
        w.write(file);
        assertThat(ScoringWeights.read(file)).isEqualTo(w);
    }

    @Test
    void missing_keys_keep_the_defaults() throws Exception {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{\"exposure\": 0.6}");
        assertThat(ScoringWeights.read(file)).isEqualTo(new ScoringWeights(0.4, 0.6, 0.2, 0.5, 0.3));
    }

    @Test
    void unknown_keys_non_numbers_and_bad_json_are_one_line_errors_naming_the_file() throws Exception {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{\"sharpnes\": 0.6}");
        assertThatThrownBy(() -> ScoringWeights.read(file)).hasMessageStartingWith(file + ": unknown key \"sharpnes\"");
        Files.writeString(file, "{\"sharpness\": \"high\"}");
        assertThatThrownBy(() -> ScoringWeights.read(file)).hasMessage(file + ": \"sharpness\" must be a number");
        Files.writeString(file, "{\"sharpness\": ");
        assertThatThrownBy(() -> ScoringWeights.read(file)).hasMessageStartingWith(file + ": not a readable weights file")
                .hasMessageNotContaining("\n");
        Files.writeString(file, "{\"post_it_above\": 0.2}");
        assertThatThrownBy(() -> ScoringWeights.read(file)).hasMessageContaining("maybe threshold");
    }

    @Test
    void total_rounds_each_score_to_four_decimals_first_and_clamps() {
        ScoringWeights d = ScoringWeights.DEFAULT;
        // 0.4*0.0019 + 0.4*0.8224 + 0.2*0.8426 = 0.49824, from the unrounded 0.00185.., 0.82238, 0.84257
        assertThat(d.total(0.0018522723, 0.82238, 0.8425773)).isEqualTo(0.4 * 0.0019 + 0.4 * 0.8224 + 0.2 * 0.8426);
        assertThat(d.withWeights(2, 2, 2).total(1, 1, 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> d.withWeights(-1, 0, 0)).hasMessageContaining("must not be negative");
    }

    @Test
    void verdict_thresholds_are_strict() {
        ScoringWeights d = ScoringWeights.DEFAULT;
        assertThat(d.verdict(0.5)).isEqualTo("maybe");
        assertThat(d.verdict(0.50001)).isEqualTo("post_it");
        assertThat(d.verdict(0.3)).isEqualTo("delete");
        assertThat(d.verdict(0.30001)).isEqualTo("maybe");
    }
}
