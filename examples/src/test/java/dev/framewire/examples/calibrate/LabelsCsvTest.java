package dev.framewire.examples.calibrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsCsvTest {
    @TempDir
    Path dir;

    @Test
    void reads_words_numbers_a_header_comments_and_quoted_names() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, """
                filename,label
                # my picks
                a.jpg,post_it
                b.jpg, Maybe
                "c,d.jpg",delete
                sub/e.jpg,0.62

                f.jpg,0.1
                """);
        List<LabelsCsv.LabelledFile> labels = LabelsCsv.read(csv, 0.5, 0.3);
        assertThat(labels).extracting(l -> l.label().verdict())
                .containsExactly("post_it", "maybe", "delete", "post_it", "delete");
        assertThat(labels).extracting(l -> l.label().target())
                .containsExactly(0.75, 0.40, 0.15, 0.62, 0.1);
        assertThat(labels.get(2).file()).isEqualTo(dir.toAbsolutePath().resolve("c,d.jpg"));
        assertThat(labels.get(3).file()).isEqualTo(dir.toAbsolutePath().resolve("sub/e.jpg"));
    }

    @Test
    void a_bad_label_names_the_file_and_line() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "a.jpg,post_it\nb.jpg,great\n");
        assertThatThrownBy(() -> LabelsCsv.read(csv, 0.5, 0.3))
                .hasMessage(csv + ":2: label \"great\" is not post_it, maybe, delete or a number between 0 and 1");
    }

    @Test
    void numbers_outside_zero_to_one_and_missing_labels_are_refused() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "a.jpg,1.5\n");
        assertThatThrownBy(() -> LabelsCsv.read(csv, 0.5, 0.3)).hasMessage(csv + ":1: label 1.5 is outside 0..1");
        Files.writeString(csv, "a.jpg\n");
        assertThatThrownBy(() -> LabelsCsv.read(csv, 0.5, 0.3))
                .hasMessage(csv + ":1: expected filename,label but got \"a.jpg\"");
        Files.writeString(csv, "filename,label\n");
        assertThatThrownBy(() -> LabelsCsv.read(csv, 0.5, 0.3)).hasMessageContaining("no labels");
    }
}
