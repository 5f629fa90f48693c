package dev.framewire.examples.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewire.examples.Archives;
import dev.framewire.examples.BadInputs;
import dev.framewire.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code framewire score} as a user runs it, in-process: archive, terminal output, exit codes, bad input. */
class ScoreCommandTest {
    @TempDir
    Path dir;

    private static final Path DEMO = CliRun.demoPhotos();

    private static List<String> demoNames() throws IOException {
        try (Stream<Path> files = Files.list(DEMO)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".md")).sorted().toList();
        }
    }

    /**
     * Where the reference's float64 rounding broke exact ties at the 85th-percentile edge cut, the analyzers follow
     * SPEC's definition on exact luminance instead (see analyzers' ReferencePhotosTest): thirds coverage and center
     * bias computed by numpy/scipy on exact integer luminance. Compare with those there.
     */
    private static final Map<String, double[]> EXACT_WHERE_REFERENCE_BROKE_TIES =
            Map.of("clock_motion.jpg", new double[] {0.46728813559322036, 0.8193785310734464});

    @Test
    void scores_the_demo_photos_like_the_reference_implementation() throws Exception {
        Path archive = dir.resolve("demo.jsonl");
        CliRun run = CliRun.of("score", DEMO.toString(), "--out", archive.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        List<JsonNode> lines = Archives.read(archive);
        Map<String, JsonNode> reference = Archives.reference();
        assertThat(lines).extracting(l -> l.get("filename").asText()).containsExactlyElementsOf(demoNames());
        for (JsonNode line : lines) {
            String name = line.get("filename").asText();
            JsonNode ref = reference.get(name);
            assertThat(ref).as("reference for " + name).isNotNull();
            assertThat(line.get("path").asText()).isEqualTo(DEMO + "/" + name);
            assertThat(line.get("width").asInt()).isPositive();
            // archive values are rounded; SPEC tolerances plus half a unit of the archive's rounding
            double lap = ref.get("laplacian_var_raw").asDouble();
            assertThat(line.get("laplacian_var").asDouble()).as(name + " laplacian_var")
                    .isCloseTo(lap, within(Math.max(lap * 1e-4, lap < 10 ? 1e-3 : 0) + 0.005));
            for (String f : List.of("mean_brightness", "clipped_shadows", "clipped_highlights")) {
                assertThat(line.get(f).asDouble()).as(name + " " + f).isCloseTo(ref.get(f + "_raw").asDouble(), within(1e-5 + 5e-5));
            }
            double[] exact = EXACT_WHERE_REFERENCE_BROKE_TIES.get(name);
            double thirds = exact != null ? exact[0] : ref.get("thirds_coverage_raw").asDouble();
            double center = exact != null ? exact[1] : ref.get("center_bias_raw").asDouble();
            assertThat(line.get("thirds_coverage").asDouble()).as(name + " thirds_coverage").isCloseTo(thirds, within(2e-3 + 5e-5));
            assertThat(line.get("center_bias").asDouble()).as(name + " center_bias").isCloseTo(center, within(2e-3 + 5e-5));
            double composition = exact != null ? 2 * thirds - 0.5 * Math.max(0, center - 0.5)
                    : ref.get("composition_score").asDouble();
            assertThat(line.get("composition_score").asDouble()).as(name + " composition_score")
                    .isCloseTo(composition, within(2e-3 + 5e-4));
            for (String f : List.of("sharpness_score", "exposure_score", "quality_score")) {
                assertThat(line.get(f).asDouble()).as(name + " " + f).isCloseTo(ref.get(f).asDouble(), within(2e-3 + 5e-4));
            }
            for (String f : List.of("verdict", "sharpness_verdict", "exposure_verdict", "composition_verdict")) {
                assertThat(line.get(f).asText()).as(name + " " + f).isEqualTo(ref.get(f).asText());
            }
        }
    }

    @Test
    void the_demo_photos_cover_every_verdict_of_every_analyzer() throws Exception {
        CliRun run = CliRun.of("score", DEMO.toString(), "--json", "--quiet");
        List<JsonNode> lines = Archives.parse(run.out());
        assertThat(lines).extracting(l -> l.get("verdict").asText()).contains("post_it", "maybe", "delete");
        assertThat(lines).extracting(l -> l.get("sharpness_verdict").asText()).contains("sharp", "soft", "blurry");
        assertThat(lines).extracting(l -> l.get("exposure_verdict").asText()).contains("good", "dark", "bright", "clipped");
        assertThat(lines).extracting(l -> l.get("composition_verdict").asText()).contains("good", "centered", "sparse");
    }

    @Test
    void every_engine_and_worker_count_writes_byte_identical_archives() throws Exception {
        byte[] sequential = archiveBytes("sequential", 1);
        for (int round = 0; round < 4; round++) {
            for (int workers : new int[] {1, 2, 3, 5}) {
                assertThat(archiveBytes("threads", workers)).as("threads, %d workers, round %d", workers, round)
                        .isEqualTo(sequential);
            }
        }
    }

    private byte[] archiveBytes(String mode, int workers) throws IOException {
        Path archive = Files.createTempFile(dir, mode, ".jsonl");
        CliRun run = CliRun.of("score", DEMO.toString(), "--mode", mode, "--workers", String.valueOf(workers),
                "--out", archive.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return Files.readAllBytes(archive);
    }

    @Test
    void bad_files_each_get_an_error_line_and_every_other_photo_is_scored() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(DEMO.resolve("chelsea.jpg"), photos.resolve("a_good.jpg"));
        BadInputs.zeroBytes(photos.resolve("b_empty.jpg"));
        BadInputs.truncatedCopy(DEMO.resolve("life_by_Aitzol_Berasategi.jpg"), photos.resolve("c_truncated.jpg"));
        BadInputs.text(photos.resolve("d_notes.png"));
        Files.createDirectories(photos.resolve("e_folder.jpg"));
        Files.createSymbolicLink(photos.resolve("f_dangling.jpg"), photos.resolve("gone.jpg"));
        BadInputs.hugePngHeader(photos.resolve("g_bomb.png"), 60000, 60000);
        Files.copy(DEMO.resolve("coffee.jpg"), photos.resolve("h_unreadable.jpg"));
        Files.setPosixFilePermissions(photos.resolve("h_unreadable.jpg"), PosixFilePermissions.fromString("---------"));
        Files.copy(DEMO.resolve("moon_gray.jpg"), photos.resolve("z_good.jpg"));
        Path archive = dir.resolve("out.jsonl");

        CliRun run = CliRun.of("score", photos.toString(), "--out", archive.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<JsonNode> lines = Archives.read(archive);
        assertThat(lines).extracting(l -> l.get("filename").asText()).containsExactly("a_good.jpg", "b_empty.jpg",
                "c_truncated.jpg", "d_notes.png", "e_folder.jpg", "f_dangling.jpg", "g_bomb.png", "h_unreadable.jpg",
                "z_good.jpg");
        assertThat(lines.get(0).get("verdict").asText()).isEqualTo("maybe");
        assertThat(lines.get(8).get("verdict").asText()).isEqualTo("maybe");
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (JsonNode line : lines.subList(1, 8)) {
            errors.put(line.get("filename").asText(), line.has("error") ? line.get("error").asText() : null);
        }
        assertThat(errors.get("b_empty.jpg")).isEqualTo("empty file");
        assertThat(errors.get("c_truncated.jpg")).isEqualTo("truncated JPEG");
        assertThat(errors.get("d_notes.png")).isEqualTo("not an image");
        assertThat(errors.get("e_folder.jpg")).isEqualTo("is a directory");
        assertThat(errors.get("f_dangling.jpg")).startsWith("cannot read");
        assertThat(errors.get("g_bomb.png")).isEqualTo("image is 60000x60000, over the 100 MP limit");
        if (!BadInputs.runningAsRoot()) {
            assertThat(errors.get("h_unreadable.jpg")).startsWith("cannot read");
        }
        for (JsonNode line : lines.subList(1, BadInputs.runningAsRoot() ? 7 : 8)) {
            assertThat(line.fieldNames()).toIterable().containsExactly("filename", "path", "error");
        }
        assertThat(run.out()).contains("Could not score " + (BadInputs.runningAsRoot() ? 6 : 7) + " files:")
                .contains(photos.resolve("c_truncated.jpg") + ": truncated JPEG")
                .contains(photos.resolve("g_bomb.png") + ": image is 60000x60000, over the 100 MP limit");
    }

    @Test
    void a_pixel_limit_refuses_large_photos_by_their_header() throws Exception {
        Path archive = dir.resolve("out.jsonl");
        CliRun run = CliRun.of("score", DEMO.resolve("chelsea.jpg").toString(), DEMO.resolve("friends_bright.jpg").toString(),
                "--max-megapixels", "1", "--out", archive.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        List<JsonNode> lines = Archives.read(archive);
        assertThat(lines.get(0).has("verdict")).isTrue();
        assertThat(lines.get(1).get("error").asText()).isEqualTo("image is 1065x1600, over the 1 MP limit");
    }

    @Test
    void a_missing_folder_is_a_usage_error_on_one_line() {
        CliRun run = CliRun.of("score", dir.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("framewire score: " + dir.resolve("nope") + ": no such file or folder\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void an_empty_folder_says_so_and_succeeds() {
        CliRun run = CliRun.of("score", dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("No photos in " + dir);
    }

    @Test
    void unknown_options_and_bad_values_are_usage_errors() {
        assertThat(CliRun.of("score", DEMO.toString(), "--colour").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("score", DEMO.toString(), "--mode", "gpu").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("score", DEMO.toString(), "--workers", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("score").exitCode()).isEqualTo(2);
        CliRun badWeights = CliRun.of("score", DEMO.toString(), "--weights", dir.resolve("none.json").toString());
        assertThat(badWeights.exitCode()).isEqualTo(2);
        assertThat(badWeights.err()).startsWith("framewire score: " + dir.resolve("none.json") + ": not a readable weights file");
    }

    @Test
    void a_usage_error_is_one_line_naming_the_culprit_then_a_pointer_to_help() {
        CliRun unknownOption = CliRun.of("score", "--colour");
        assertThat(unknownOption.err().lines()).containsExactly(
                "framewire score: Unknown option or argument: --colour",
                "Try 'framewire score --help' for more information.");

        CliRun badMode = CliRun.of("score", DEMO.toString(), "--mode", "gpu");
        assertThat(badMode.err().lines().findFirst().orElseThrow())
                .startsWith("framewire score: ").contains("--mode").contains("gpu");
        assertThat(badMode.err().lines()).hasSize(2);
    }

    @Test
    void an_unwritable_archive_or_report_is_refused_before_scoring() {
        Path nowhere = dir.resolve("no-such-dir").resolve("out.jsonl");
        CliRun run = CliRun.of("score", DEMO.toString(), "--out", nowhere.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("framewire score: cannot write " + nowhere + " (NoSuchFileException)\n");
        CliRun report = CliRun.of("score", DEMO.toString(), "--report", dir.resolve("x/r.html").toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.out()).isEmpty();
    }

    @Test
    void help_documents_the_exit_codes() {
        CliRun run = CliRun.of("score", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--mode", "--workers", "--out", "--report", "--weights", "--recursive",
                "--quiet", "--json", "Exit codes:", "0   every input", "1   the run finished but some inputs failed",
                "2   usage error");
    }

    @Test
    void plain_output_lists_every_photo_in_order_then_a_summary() throws Exception {
        CliRun run = CliRun.of("score", DEMO.toString());
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("photo +verdict +score +sharpness +exposure +composition");
        List<String> names = demoNames();
        for (int i = 0; i < names.size(); i++) {
            assertThat(lines.get(1 + i)).startsWith(names.get(i) + " ")
                    .matches(".* (post_it|maybe|delete) +[01]\\.\\d{3} +(sharp|soft|blurry) +(good|dark|bright|clipped) +(good|centered|sparse)");
        }
        assertThat(run.out()).doesNotContain("\u001b[")
                .containsPattern("13 files in [0-9.]+ s \\([0-9.]+ photos/s\\): 13 scored, 0 failed")
                .containsPattern("post_it +\\d+ ")
                .contains("Best shots: life_by_Aitzol_Berasategi.jpg (0.566), clock_motion.jpg (0.533), motorcycle_left.jpg (0.524)");
        assertThat(lines.get(1 + names.size() + 1 - 1)).isEmpty();
        String again = CliRun.of("score", DEMO.toString()).out();
        assertThat(withoutTiming(again)).isEqualTo(withoutTiming(run.out()));
    }

    private static String withoutTiming(String out) {
        return out.replaceAll("in [0-9.]+ s \\([0-9.]+ photos/s\\)", "in T");
    }

    @Test
    void json_puts_only_the_archive_on_stdout() throws Exception {
        CliRun run = CliRun.of("score", DEMO.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = Archives.parse(run.out());
        assertThat(lines).hasSize(demoNames().size());
        assertThat(run.err()).contains("13 scored, 0 failed");
    }

    @Test
    void quiet_prints_nothing_when_all_is_well() {
        CliRun run = CliRun.of("score", DEMO.toString(), "--quiet");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void weights_from_flags_and_from_a_file_change_the_verdicts() throws Exception {
        // all weight on exposure: a photo's total is its exposure score
        Path weights = dir.resolve("w.json");
        Files.writeString(weights, "{\"sharpness\": 0, \"exposure\": 1, \"composition\": 0}");
        List<JsonNode> fromFile = Archives.parse(CliRun.of("score", DEMO.toString(), "--json", "--quiet",
                "--weights", weights.toString()).out());
        List<JsonNode> fromFlags = Archives.parse(CliRun.of("score", DEMO.toString(), "--json", "--quiet",
                "--sharpness-weight", "0", "--exposure-weight", "1", "--composition-weight", "0").out());
        assertThat(fromFile).isEqualTo(fromFlags);
        for (JsonNode line : fromFile) {
            assertThat(line.get("quality_score").asDouble()).isCloseTo(line.get("exposure_score").asDouble(), within(6e-4));
        }
        List<JsonNode> strict = Archives.parse(CliRun.of("score", DEMO.toString(), "--json", "--quiet",
                "--post-it-above", "0.99", "--maybe-above", "0.98").out());
        assertThat(strict).extracting(l -> l.get("verdict").asText()).containsOnly("delete");
    }

    @Test
    void recursive_scores_sub_folders_and_survives_a_symlink_loop() throws Exception {
        Path top = Files.createDirectories(dir.resolve("top"));
        Path sub = Files.createDirectories(top.resolve("sub"));
        Files.copy(DEMO.resolve("chelsea.jpg"), top.resolve("one.jpg"));
        Files.copy(DEMO.resolve("coffee.jpg"), sub.resolve("two.jpg"));
        Files.createSymbolicLink(sub.resolve("back"), top);
        List<JsonNode> flat = Archives.parse(CliRun.of("score", top.toString(), "--json", "--quiet").out());
        List<JsonNode> deep = Archives.parse(CliRun.of("score", top.toString(), "--json", "--quiet", "--recursive").out());
        assertThat(flat).extracting(l -> l.get("path").asText()).containsExactly(top + "/one.jpg");
        assertThat(deep).extracting(l -> l.get("path").asText()).containsExactly(top + "/one.jpg", top + "/sub/two.jpg");
    }
}
