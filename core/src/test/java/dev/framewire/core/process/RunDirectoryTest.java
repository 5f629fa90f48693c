package dev.framewire.core.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void aRunDirectoryIsPrivateAndOpensWithItsToken() throws Exception {
        RunDirectory run = RunDirectory.create(parent);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.path()))).isEqualTo("rwx------");
        assertThat(RunDirectory.open(run.path(), run.token()).path()).isEqualTo(run.path());
        run.delete();
        assertThat(run.path()).doesNotExist();
    }

    @Test
    void aChildRefusesAnotherRunsDirectory() {
        RunDirectory run = RunDirectory.create(parent);
        assertThatThrownBy(() -> RunDirectory.open(run.path(), "0123"))
                .hasMessageContaining(run.path().toString()).hasMessageContaining("token");
    }

    @Test
    void aChildRefusesADirectoryOthersCanRead() throws Exception {
        RunDirectory run = RunDirectory.create(parent);
        Files.setPosixFilePermissions(run.path(), PosixFilePermissions.fromString("rwxr-x---"));
        assertThatThrownBy(() -> RunDirectory.open(run.path(), run.token()))
                .hasMessageContaining("not private").hasMessageContaining("rwxr-x---");
    }

    @Test
    void tmpfsIsChosenOnlyWhenItExistsIsWritableAndHasRoom() throws Exception {
        assertThat(RunDirectory.tmpfsUnusable(parent, 1 << 20)).isNull();
        assertThat(RunDirectory.tmpfsUnusable(parent.resolve("missing"), 0)).contains("does not exist");
        assertThat(RunDirectory.tmpfsUnusable(parent, Long.MAX_VALUE / 2)).contains("MB free");
        Path readOnly = Files.createDirectory(parent.resolve("ro"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("r-x------")));
        if (!Files.isWritable(readOnly)) {
            // root can write anywhere; the check is then moot
            assertThat(RunDirectory.tmpfsUnusable(readOnly, 0)).contains("not writable");
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(RunDirectory.defaultParent(Long.MAX_VALUE / 2)).as("no tmpfs has that much room").isEqualTo(fallback);
        assertThat(RunDirectory.defaultParent(0)).isEqualTo(RunDirectory.defaultParent());
    }

    @Test
    void theDefaultPlaceIsChosenForTheArenaTheOptionsFinallyGive() {
        ProcessOptions defaults = ProcessOptions.defaults();
        assertThat(defaults.runDirectoryParent()).as("decided when a run starts").isNull();
        assertThat(defaults.resolvedRunDirectoryParent()).isEqualTo(RunDirectory.defaultParent(defaults.arenaBytes()));
        assertThat(defaults.withRunDirectoryParent(parent).withArenaSlots(50).resolvedRunDirectoryParent())
                .as("an explicit place stays").isEqualTo(parent);
    }

    @Test
    void resumingFromAVanishedTmpfsDirectorySaysWhy() {
        assertThatThrownBy(() -> RunDirectory.reopen(RunDirectory.TMPFS.resolve("framewire-run-gone-after-reboot")))
                .hasMessageContaining("do not survive a reboot");
    }
}
