package dev.framewire.examples.archive;

import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveWriterTest {
    static final PhotoScores GARDEN = new PhotoScores(0.49796, "maybe",
            18.522723366445003, 0.0018522723, "blurry", "Blurry — out of focus or motion blur",
            0.49596070087254884, 5.9375e-05, 0.0, 0.82238, "good", "Well exposed — mean brightness 0.50",
            0.4212886554972076, 0.4772859881637076, 0.8425773, "good", "");

    @Test
    void a_scored_photo_is_one_line_with_the_fields_of_spec_in_a_fixed_order_and_rounding() {
        PhotoInput input = new PhotoInput(0, Path.of("photos/Garden.jpg"), "photos/Garden.jpg", "Garden.jpg");
        String line = new String(new ArchiveWriter(new ByteArrayOutputStream(), false)
                .toLine(new ScoredPhoto(input, 1600, 1000, GARDEN)), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"filename\":\"Garden.jpg\",\"path\":\"photos/Garden.jpg\",\"width\":1600,"
                + "\"height\":1000,\"quality_score\":0.498,\"verdict\":\"maybe\",\"laplacian_var\":18.52,"
                + "\"sharpness_score\":0.0019,\"sharpness_verdict\":\"blurry\",\"mean_brightness\":0.496,"
                + "\"clipped_shadows\":0.0001,\"clipped_highlights\":0.0,\"exposure_score\":0.8224,"
                + "\"exposure_verdict\":\"good\",\"thirds_coverage\":0.4213,\"center_bias\":0.4773,"
                + "\"composition_score\":0.8426,\"composition_verdict\":\"good\"}\n");
    }

    @Test
    void a_failed_input_has_only_filename_path_and_error() {
        PhotoInput input = new PhotoInput(3, Path.of("in/bad \"x\".jpg"), "in/bad \"x\".jpg", "bad \"x\".jpg");
        String line = new String(new ArchiveWriter(new ByteArrayOutputStream(), false)
                .toLine(new FailedPhoto(input, "truncated JPEG\nsecond line")), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"filename\":\"bad \\\"x\\\".jpg\",\"path\":\"in/bad \\\"x\\\".jpg\","
                + "\"error\":\"truncated JPEG; second line\"}\n");
    }

    @Test
    void lines_are_written_in_call_order_and_non_ascii_names_stay_utf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter writer = new ArchiveWriter(out, false);
        writer.write(new FailedPhoto(new PhotoInput(0, Path.of("é.jpg"), "é.jpg", "é.jpg"), "not an image"));
        writer.write(new FailedPhoto(new PhotoInput(1, Path.of("b.jpg"), "b.jpg", "b.jpg"), "empty file"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"filename\":\"é.jpg\",\"path\":\"é.jpg\",\"error\":\"not an image\"}\n"
                        + "{\"filename\":\"b.jpg\",\"path\":\"b.jpg\",\"error\":\"empty file\"}\n");
    }
}
