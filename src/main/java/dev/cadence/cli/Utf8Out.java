package dev.cadence.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command line's standard output: a UTF-8 {@link PrintWriter} (auto-flushing, as picocli
 * expects) that also hands out its byte stream, for output that is UTF-8 bytes already (the
 * json of {@code due}: megabytes encoded on several threads need not be decoded into characters
 * to be encoded again). Write to {@link #bytes()} only after {@link #flush()}.
 */
final class Utf8Out extends PrintWriter {
    private final OutputStream bytes;

    Utf8Out(OutputStream bytes) {
        super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
        this.bytes = bytes;
    }

    /** The stream underneath, for UTF-8 bytes; flush this writer first. */
    OutputStream bytes() {
        return bytes;
    }
}
