package dev.framewire.examples.report;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;
import dev.framewire.examples.scorer.ScoringWeights;
import dev.framewire.examples.thumbnails.Thumbnailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report as a browser shows it: headless Chromium runs its script and we read the resulting page. */
class HtmlReportBrowserTest {
    @TempDir
    Path dir;

    private static PhotoScores scores(double total, String verdict) {
        return new PhotoScores(total, verdict, 500, 0.05, "soft", "Slightly soft — some detail lost",
                0.5, 0.0, 0.0, 0.9, "good", "Well exposed — mean brightness 0.50",
                0.3, 0.2, 0.6, "good", "");
    }

    private static byte[] thumbnail(int shade) {
        try (Frame frame = Frame.allocate(64, 48, PixelOrder.BGR)) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    frame.set(x, y, 0, shade);
                    frame.set(x, y, 1, x * 4);
                    frame.set(x, y, 2, y * 5);
                }
            }
            return new Thumbnailer(32, Thumbnailer.Format.JPEG, 85).apply(frame).bytes();
        }
    }

    private static PhotoInput input(int index, String name) {
        return new PhotoInput(index, Path.of("photos", name), "photos/" + name, name);
    }

    @Test
    void the_page_shows_every_photo_best_first_with_badges_sub_scores_and_a_histogram() throws Exception {
        List<HtmlReport.Entry> entries = new ArrayList<>();
        entries.add(new HtmlReport.Entry(new ScoredPhoto(input(0, "a_maybe.jpg"), 64, 48, scores(0.42, "maybe")), thumbnail(10)));
        entries.add(new HtmlReport.Entry(new FailedPhoto(input(1, "b_broken.jpg"), "truncated JPEG"), null));
        entries.add(new HtmlReport.Entry(new ScoredPhoto(input(2, "c_best.jpg"), 64, 48, scores(0.71, "post_it")), thumbnail(200)));
        entries.add(new HtmlReport.Entry(new ScoredPhoto(input(3, "d_<odd>&.jpg"), 64, 48, scores(0.12, "delete")), thumbnail(90)));
        Path page = dir.resolve("report.html");
        try (Writer w = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(w, "photos", entries, ScoringWeights.DEFAULT, "4 files in 0.5 s");
        }
        String html = Files.readString(page);
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");

        String dom = Chromium.dumpDom(page, dir);

        assertThat(dom).contains("data-sort=\"score-desc\"");
        assertThat(all(dom, "<figure class=\"card [^\"]*\" data-verdict=\"[^\"]*\" data-score=\"[^\"]*\" data-name=\"([^\"]*)\""))
                .containsExactly("c_best.jpg", "a_maybe.jpg", "d_&lt;odd&gt;&amp;.jpg", "b_broken.jpg");
        assertThat(all(dom, "<span class=\"badge [a-z_]+\">([a-z_]+)</span>"))
                .containsExactly("post_it", "maybe", "delete", "failed");
        assertThat(all(dom, "<span class=\"score\">([0-9.]+)</span>")).containsExactly("0.710", "0.420", "0.120");
        assertThat(all(dom, "<span class=\"what\">([a-z]+)</span>")).hasSize(9)
                .containsOnly("sharpness", "exposure", "composition");
        assertThat(all(dom, "<img alt=\"[^\"]*\" src=\"(data:image/jpeg;base64,)")).hasSize(3);
        assertThat(dom).contains("truncated JPEG");
        List<String> bins = all(dom, "<rect class=\"bin [a-z_]+\" data-count=\"(\\d+)\"");
        assertThat(bins).hasSize(HtmlReport.BINS);
        assertThat(bins.stream().mapToInt(Integer::parseInt).sum()).isEqualTo(3);
        assertThat(all(dom, "data-count=\"(post_it|maybe|delete|failed)\"><b>(\\d+)</b>", 2))
                .containsExactly("1", "1", "1", "1");

        Chromium.screenshot(page, dir.resolve("report.png"), 1200, 900, dir);
        assertThat(Files.size(dir.resolve("report.png"))).isGreaterThan(10_000);
    }

    private static List<String> all(String text, String regex) {
        return all(text, regex, 1);
    }

    private static List<String> all(String text, String regex, int group) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }
}
