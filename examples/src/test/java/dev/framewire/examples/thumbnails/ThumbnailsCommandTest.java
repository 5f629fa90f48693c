package dev.framewire.examples.thumbnails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.core.frame.Frame;
import dev.framewire.examples.Archives;
import dev.framewire.examples.BadInputs;
import dev.framewire.examples.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailsCommandTest {
    @TempDir
    Path dir;

    @Test
    void writes_a_thumbnail_per_photo_named_by_its_content_hash_and_lists_them() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("in"));
        Files.copy(CliRun.demoPhotos().resolve("life_by_Aitzol_Berasategi.jpg"), photos.resolve("a.jpg"));
        Files.copy(CliRun.demoPhotos().resolve("friends_bright.jpg"), photos.resolve("b.jpg"));
        Files.copy(CliRun.demoPhotos().resolve("chelsea_tiny_8x6.jpg"), photos.resolve("c.jpg"));
        BadInputs.text(photos.resolve("d.png"));
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("thumbnails", photos.toString(), out.toString(), "--size", "200", "--format", "png");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<JsonNode> list = Archives.read(out.resolve("thumbnails.jsonl"));
        assertThat(list).extracting(l -> l.get("source").asText())
                .containsExactly(photos + "/a.jpg", photos + "/b.jpg", photos + "/c.jpg", photos + "/d.png");
        assertThat(list.get(3).get("error").asText()).isEqualTo("not an image");
        int[][] expected = {{200, 133}, {133, 200}, {8, 6}};
        for (int i = 0; i < 3; i++) {
            JsonNode entry = list.get(i);
            Path file = out.resolve(entry.get("thumbnail").asText());
            byte[] bytes = Files.readAllBytes(file);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
            assertThat(file.getFileName().toString()).isEqualTo(hash + ".png");
            try (Frame f = PhotoDecoder.create().decode(file)) {
                assertThat(new int[] {f.width(), f.height()}).containsExactly(expected[i]);
                assertThat(new int[] {entry.get("width").asInt(), entry.get("height").asInt()}).containsExactly(expected[i]);
            }
        }
        assertThat(run.out()).contains("3 thumbnails written to " + out).contains(photos + "/d.png: not an image");
    }

    @Test
    void the_engine_does_not_change_what_is_written() throws Exception {
        Path seq = dir.resolve("seq");
        Path thr = dir.resolve("thr");
        assertThat(CliRun.of("thumbnails", CliRun.demoPhotos().toString(), seq.toString(), "--mode", "sequential").exitCode()).isZero();
        assertThat(CliRun.of("thumbnails", CliRun.demoPhotos().toString(), thr.toString(), "--mode", "threads", "--workers", "3").exitCode()).isZero();
        assertThat(Files.readString(thr.resolve("thumbnails.jsonl"))).isEqualTo(Files.readString(seq.resolve("thumbnails.jsonl")));
    }
}
