package dev.cadence.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheNearestFolderUpward() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("cadence.yaml"), "");
        Path deep = Files.createDirectories(ws.resolve("sequences/sub"));
        assertThat(WorkspaceLocator.locate(null, null, deep)).isEqualTo(ws);
    }

    @Test
    void explicitOptionWinsOverEnvironment() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("cadence.yaml"), "");
        Files.writeString(b.resolve("cadence.yaml"), "");
        assertThat(WorkspaceLocator.locate(a, b.toString(), tmp)).isEqualTo(a);
        assertThat(WorkspaceLocator.locate(null, b.toString(), tmp)).isEqualTo(b);
    }

    @Test
    void aMissingWorkspaceSaysHowToCreateOne() {
        assertThatThrownBy(() -> WorkspaceLocator.locate(tmp.resolve("nope"), null, tmp))
                .isInstanceOf(CadenceException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("cadence init")
                .satisfies(e -> assertThat(((CadenceException) e).status()).isEqualTo(ExitStatus.INVALID));
        assertThatThrownBy(() -> WorkspaceLocator.locate(null, null, tmp))
                .hasMessageContaining("no workspace here");
    }

    @Test
    void aFolderWithoutConfigIsNotAWorkspace() {
        assertThatThrownBy(() -> WorkspaceLocator.locate(null, tmp.toString(), tmp))
                .hasMessageContaining("CADENCE_WORKSPACE").hasMessageContaining("has no cadence.yaml");
    }
}
