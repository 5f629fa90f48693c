package dev.framewire.examples.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewire.examples.Archives;
import dev.framewire.examples.CliRun;
import dev.framewire.examples.scorer.ScoringWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrateCommandTest {
    @TempDir
    Path dir;

    /**
     * A person who deletes every photo with bad exposure and keeps the well exposed ones: the fitted weights lean on
     * exposure, reproduce more of their labels than the defaults, and {@code score --weights} uses them.
     */
    @Test
    void fits_weights_to_labels_and_score_reads_them_back() throws Exception {
        Path demo = CliRun.demoPhotos().toAbsolutePath();
        List<JsonNode> archive = Archives.parse(CliRun.of("score", demo.toString(), "--json", "--quiet").out());
        StringBuilder csv = new StringBuilder("filename,label\n");
        for (JsonNode line : archive) {
            String exposure = line.get("exposure_verdict").asText();
            csv.append(demo.resolve(line.get("filename").asText())).append(',')
                    .append(exposure.equals("good") ? "post_it" : "delete").append('\n');
        }
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, csv);
        Path weights = dir.resolve("mine.json");

        CliRun run = CliRun.of("calibrate", labels.toString(), "--out", weights.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ScoringWeights fitted = ScoringWeights.read(weights);
        assertThat(fitted.exposure()).isGreaterThan(ScoringWeights.DEFAULT.exposure());
        Matcher m = Pattern.compile("Labels reproduced: (\\d+) of (\\d+) with the fitted weights, (\\d+) of \\d+ with the defaults")
                .matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(archive.size());
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(Integer.parseInt(m.group(3)));
        assertThat(run.out()).contains("sharpness", "exposure", "composition", "LAPACK dgels");

        List<JsonNode> rescored = Archives.parse(CliRun.of("score", demo.toString(), "--json", "--quiet",
                "--weights", weights.toString()).out());
        long agree = 0;
        for (int i = 0; i < rescored.size(); i++) {
            String wanted = archive.get(i).get("exposure_verdict").asText().equals("good") ? "post_it" : "delete";
            agree += rescored.get(i).get("verdict").asText().equals(wanted) ? 1 : 0;
        }
        assertThat(agree).isEqualTo(Long.parseLong(m.group(1)));
    }

    @Test
    void a_bad_labels_file_is_a_usage_error_naming_the_line() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "a.jpg,keep\n");
        CliRun run = CliRun.of("calibrate", labels.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("framewire calibrate: " + labels
                + ":1: label \"keep\" is not post_it, maybe, delete or a number between 0 and 1\n");
    }
}
