package dev.framewire.examples.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoInputsTest {
    @TempDir
    Path dir;

    private static List<String> names(List<PhotoInput> inputs) {
        return inputs.stream().map(PhotoInput::filename).toList();
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
        }
    }

    @Test
    void every_photo_extension_counts_in_any_case_and_other_files_do_not() throws Exception {
        touch("a.jpg", "b.JPEG", "c.Png", "d.bmp", "e.tif", "f.TIFF", "g.webp", "notes.txt", "raw.cr2", "jpg", ".jpg");
        assertThat(names(PhotoInputs.discover(List.of(dir.toString()), false)))
                .containsExactly("a.jpg", "b.JPEG", "c.Png", "d.bmp", "e.tif", "f.TIFF", "g.webp");
    }

    @Test
    void inputs_are_sorted_by_the_bytes_of_their_utf8_names() throws Exception {
        touch("b.jpg", "a.jpg", "Z.jpg", "é.jpg", "z.jpg", "10.jpg", "9.jpg", "_.jpg");
        assertThat(names(PhotoInputs.discover(List.of(dir.toString()), false)))
                .containsExactly("10.jpg", "9.jpg", "Z.jpg", "_.jpg", "a.jpg", "b.jpg", "z.jpg", "é.jpg");
    }

    @Test
    void path_is_the_folder_as_given_joined_with_the_name_and_indexes_follow_the_order() throws Exception {
        touch("b.jpg", "a.jpg");
        List<PhotoInput> inputs = PhotoInputs.discover(List.of(dir + "/"), false);
        assertThat(inputs).extracting(PhotoInput::displayPath).containsExactly(dir + "/a.jpg", dir + "/b.jpg");
        assertThat(inputs).extracting(PhotoInput::index).containsExactly(0, 1);
    }

    @Test
    void a_directory_named_like_a_photo_is_an_input_and_sub_folders_are_only_walked_when_recursive() throws Exception {
        Files.createDirectories(dir.resolve("album.jpg"));
        touch("sub/inner.png", "top.jpg");
        assertThat(names(PhotoInputs.discover(List.of(dir.toString()), false))).containsExactly("album.jpg", "top.jpg");
        assertThat(names(PhotoInputs.discover(List.of(dir.toString()), true)))
                .containsExactly("album.jpg", "top.jpg", "inner.png");
    }

    @Test
    void recursive_walk_survives_a_symlink_loop_and_lists_each_file_once() throws Exception {
        touch("a/one.jpg", "a/b/two.jpg");
        Files.createSymbolicLink(dir.resolve("a/b/loop"), dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("again"), dir.resolve("a"));
        List<PhotoInput> inputs = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return PhotoInputs.discover(List.of(dir.toString()), true);
                    } catch (InputException e) {
                        throw new RuntimeException(e);
                    }
                }).get(20, TimeUnit.SECONDS);
        assertThat(names(inputs)).containsExactly("one.jpg", "two.jpg");
    }

    @Test
    void dangling_symlinks_named_like_photos_are_kept_so_they_fail_visibly() throws Exception {
        Files.createSymbolicLink(dir.resolve("gone.jpg"), dir.resolve("nowhere.jpg"));
        assertThat(names(PhotoInputs.discover(List.of(dir.toString()), false))).containsExactly("gone.jpg");
    }

    @Test
    void a_missing_folder_is_a_one_line_error_naming_it() {
        String missing = dir.resolve("no-such-folder").toString();
        assertThatThrownBy(() -> PhotoInputs.discover(List.of(missing), false))
                .isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void an_empty_folder_has_no_inputs() throws Exception {
        assertThat(PhotoInputs.discover(List.of(dir.toString()), true)).isEmpty();
    }

    @Test
    void files_named_on_the_command_line_are_inputs_in_the_order_given() throws Exception {
        touch("b.jpg", "a.jpg");
        List<PhotoInput> inputs = PhotoInputs.discover(
                List.of(dir.resolve("b.jpg").toString(), dir.resolve("a.jpg").toString()), false);
        assertThat(names(inputs)).containsExactly("b.jpg", "a.jpg");
    }
}
