package dev.framewire.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewire.examples.Archives;
import dev.framewire.examples.BadInputs;
import dev.framewire.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code score --report} on real photos, opened in headless Chromium. */
class ScoreReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void the_report_shows_every_photo_of_the_run_best_first_with_its_thumbnail() throws Exception {
        Chromium.requireInstalled();
        Path photos = Files.createDirectories(dir.resolve("photos"));
        try (var files = Files.list(CliRun.demoPhotos())) {
            for (Path p : files.filter(p -> !p.toString().endsWith(".md")).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        BadInputs.truncatedCopy(photos.resolve("chelsea.jpg"), photos.resolve("broken.jpg"));
        Path report = dir.resolve("report.html");
        Path archive = dir.resolve("archive.jsonl");

        CliRun run = CliRun.of("score", photos.toString(), "--report", report.toString(), "--out", archive.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Report:  " + report);

        List<JsonNode> lines = Archives.read(archive);
        List<JsonNode> scored = new ArrayList<>(lines.stream().filter(l -> l.has("verdict")).toList());
        scored.sort(Comparator.comparingDouble((JsonNode l) -> -l.get("quality_score").asDouble()));
        String dom = Chromium.dumpDom(report, dir);

        List<String> shown = all(dom, "<figure class=\"card [^\"]*\" data-verdict=\"[^\"]*\" data-score=\"[^\"]*\" data-name=\"([^\"]*)\"");
        assertThat(shown).hasSize(lines.size()).endsWith("broken.jpg");
        List<String> shownScores = all(dom, "<span class=\"score\">([0-9.]+)</span>");
        assertThat(shownScores).hasSize(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            assertThat(Double.parseDouble(shownScores.get(i))).as("card %d", i)
                    .isEqualTo(scored.get(i).get("quality_score").asDouble());
        }
        assertThat(all(dom, "<img alt=\"[^\"]*\" src=\"(data:image/jpeg;base64,)")).hasSize(scored.size());
        assertThat(dom).contains("truncated JPEG");
        long postIt = scored.stream().filter(l -> l.get("verdict").asText().equals("post_it")).count();
        assertThat(dom).contains("data-count=\"post_it\"><b>" + postIt + "</b>");
        assertThat(Files.readString(report)).doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
