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
}
