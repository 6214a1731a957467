package dev.cadence.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadence.error.CadenceException;
import dev.cadence.error.ExitStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private String[] files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void writesTheWholeFileAndReturnsTheResult() throws Exception {
        Path f = dir.resolve("out.csv");
        int n = AtomicFile.write(f, w -> {
            try {
                w.write("a,b\r\nÉ,北\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 2;
        });
        assertThat(n).isEqualTo(2);
        assertThat(Files.readString(f)).isEqualTo("a,b\r\nÉ,北\r\n");
        assertThat(files()).containsExactly("out.csv");
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("out.csv");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFile.write(f, w -> {
            try {
                w.write("half of the new");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new UncheckedIOException(new IOException("disk full"));
        })).isInstanceOf(CadenceException.class)
                .hasMessage("cannot write " + f + ": disk full")
                .extracting(e -> ((CadenceException) e).status()).isEqualTo(ExitStatus.FAILURE);
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(files()).containsExactly("out.csv");
    }

    @Test
    void anyOtherExceptionAlsoLeavesNothingBehind() throws Exception {
        Path f = dir.resolve("new.json");
        assertThatThrownBy(() -> AtomicFile.write(f, w -> {
            throw new IllegalStateException("ledger closed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(files()).isEmpty();
    }
}
