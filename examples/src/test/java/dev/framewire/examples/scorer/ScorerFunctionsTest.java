package dev.framewire.examples.scorer;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.ItemError;
import dev.framewire.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scorer's node functions called as plain functions, with no engine. */
class ScorerFunctionsTest {
    @TempDir
    Path dir;

    @Test
    void decode_analyze_and_verdict_chain_like_the_network() {
        try (Frame frame = ScorerFunctions.decode(CliRun.demoPhotos().resolve("life_by_Aitzol_Berasategi.jpg").toString(),
                100_000_000L)) {
            Measures.Sharpness s = ScorerFunctions.sharpness(frame);
            Measures.Exposure e = ScorerFunctions.exposure(frame);
            Measures.Composition c = ScorerFunctions.composition(frame);
            Measures.Scored scored = ScorerFunctions.verdict(s, e, c, ScoringWeights.DEFAULT);
            assertThat(scored.width()).isEqualTo(1600);
            assertThat(scored.height()).isEqualTo(1065);
            assertThat(scored.scores().verdict()).isEqualTo("post_it");
            assertThat(scored.scores().sharpnessVerdict()).isEqualTo("sharp");
            assertThat(scored.scores().total())
                    .isEqualTo(ScoringWeights.DEFAULT.total(s.score(), e.score(), c.score()));
            assertThat(frame.referenceCount()).as("analyzers neither keep nor release the frame").isEqualTo(1);
        }
    }

    @Test
    void the_fused_floor_decodes_the_same_frame_and_fails_as_decode_does() throws Exception {
        String photo = CliRun.demoPhotos().resolve("life_by_Aitzol_Berasategi.jpg").toString();
        try (Frame plain = ScorerFunctions.decode(photo, 100_000_000L);
             Frame fused = ScorerFunctions.decodeAndAnalyzeFused(photo, 100_000_000L)) {
            assertThat(fused.width()).isEqualTo(plain.width());
            assertThat(fused.height()).isEqualTo(plain.height());
            assertThat(ScorerFunctions.sharpness(fused)).as("the frame is left as decoded")
                    .isEqualTo(ScorerFunctions.sharpness(plain));
        }
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> ScorerFunctions.decodeAndAnalyzeFused(empty.toString(), 100_000_000L))
                .isInstanceOf(UnscorableException.class).hasMessage("empty file");
    }

    @Test
    void decode_only_with_the_fused_floor_runs_over_a_folder() {
        CliRun run = CliRun.of("decode-only", "--fused-analysis", CliRun.demoPhotos().toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("files decoded and analysed in one fused pass").contains(", 0 failed");
    }

    @Test
    void an_unscorable_file_fails_with_only_the_decoders_reason() throws Exception {
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> ScorerFunctions.decode(empty.toString(), 100_000_000L))
                .isInstanceOf(UnscorableException.class).hasMessage("empty file");
    }

    @Test
    void error_reasons_name_the_node_unless_the_input_was_at_fault() {
        assertThat(ScorerNetwork.reason(new ItemError("decode", 3, "UnscorableException: truncated JPEG")))
                .isEqualTo("truncated JPEG");
        assertThat(ScorerNetwork.reason(new ItemError("composition", 3, "IllegalStateException: frame already released")))
                .isEqualTo("composition failed: IllegalStateException: frame already released");
    }
}
