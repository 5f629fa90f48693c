package dev.framewire.benchmarks.support;

import dev.framewire.analyzers.decode.ImageFormat;
import dev.framewire.analyzers.decode.ImageHeader;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.benchmarks.support.BenchmarkPhotos.PhotoSize;
import dev.framewire.core.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkPhotosTest {
    @TempDir
    Path root;

    @Test
    void theSameSeedGivesByteIdenticalPhotosInAnotherFolder() throws IOException {
        List<Path> first = BenchmarkPhotos.ensure(root.resolve("a"), BenchmarkPhotos.SMALL, 5);
        List<Path> second = BenchmarkPhotos.ensure(root.resolve("b"), BenchmarkPhotos.SMALL, 5);
        assertThat(first).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(Files.readAllBytes(second.get(i))).as("photo %d", i).isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    @Test
    void everyPhotoDiffersAndAnotherSeedGivesOtherPhotos() throws IOException {
        List<Path> photos = BenchmarkPhotos.ensure(root, BenchmarkPhotos.SMALL, 8);
        Set<String> contents = new HashSet<>();
        for (Path photo : photos) {
            contents.add(Arrays.toString(Files.readAllBytes(photo)));
        }
        assertThat(contents).as("distinct files").hasSize(8);
        byte[] otherSeed = Files.readAllBytes(BenchmarkPhotos.ensure(root, BenchmarkPhotos.SMALL, 1, 42).get(0));
        assertThat(otherSeed).isNotEqualTo(Files.readAllBytes(photos.get(0)));
    }

    @Test
    void photosAreJpegsOfTheRequestedSizeThatDecode() throws IOException {
        PhotoDecoder decoder = PhotoDecoder.create();
        for (PhotoSize size : List.of(BenchmarkPhotos.SMALL, new PhotoSize(400, 300), BenchmarkPhotos.LARGE)) {
            Path photo = BenchmarkPhotos.ensure(root, size, 1).get(0);
            assertThat(decoder.readHeader(photo)).isEqualTo(new ImageHeader(ImageFormat.JPEG, size.width(), size.height()));
            try (Frame frame = decoder.decode(photo)) {
                assertThat(frame.width()).isEqualTo(size.width());
            }
        }
    }

    @Test
    void cachedPhotosAreReusedAndAskingForMoreOnlyAddsFiles() throws IOException {
        List<Path> two = BenchmarkPhotos.ensure(root, BenchmarkPhotos.SMALL, 2);
        FileTime marker = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(two.get(0), marker);
        byte[] before = Files.readAllBytes(two.get(1));

        List<Path> three = BenchmarkPhotos.ensure(root, BenchmarkPhotos.SMALL, 3);
        assertThat(three.subList(0, 2)).isEqualTo(two);
        assertThat(Files.getLastModifiedTime(two.get(0))).as("not rewritten").isEqualTo(marker);
        assertThat(Files.readAllBytes(three.get(1))).isEqualTo(before);
        assertThat(three.get(2).getFileName().toString()).isEqualTo("photo-00002.jpg");
        try (var files = Files.list(three.get(0).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("photo-00000.jpg", "photo-00001.jpg", "photo-00002.jpg");
        }
    }

    @Test
    void sizesParseAndBadArgumentsAreRefused() {
        assertThat(PhotoSize.parse("4000x3000")).isEqualTo(BenchmarkPhotos.LARGE);
        assertThatThrownBy(() -> PhotoSize.parse("4000*3000")).hasMessageContaining("4000*3000");
        assertThatThrownBy(() -> new PhotoSize(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkPhotos.ensure(root, BenchmarkPhotos.SMALL, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
