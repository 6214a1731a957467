package dev.cadence.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows the physical line it is on: malformed input is reported
 * as {@link InvalidUtf8Exception} naming the line and byte offset instead of being silently
 * replaced by U+FFFD (which would mangle a name). A leading byte order mark is dropped.
 */
final class Utf8Reader extends Reader {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    private boolean eof;
    private boolean flushed;
    private boolean first = true;
    private boolean bom;
    /** Bytes handed to the decoder before the current buffer content. */
    private long bytesBefore;
    /** Physical line of the next character to be decoded (1-based). */
    private long line = 1;
    private boolean lastWasCr;

    Utf8Reader(InputStream in) {
        this.in = in;
        bytes.flip(); // empty, ready for reading
        chars.flip();
    }

    /** True when the input started with a byte order mark (known once something was read). */
    boolean hadBom() {
        return bom;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!chars.hasRemaining()) {
            if (!fill()) return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes more characters into {@code chars}; false at the end of input. */
    private boolean fill() throws IOException {
        if (flushed) return false;
        chars.clear();
        while (true) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                countLines();
                int bad = bytes.get(bytes.position()) & 0xff;
                throw new InvalidUtf8Exception(line, bytesBefore + bytes.position(), bad);
            }
            if (chars.position() > 0 || r.isOverflow()) break;
            if (eof) {
                decoder.flush(chars);
                flushed = true;
                break;
            }
            readBytes();
        }
        countLines();
        chars.flip();
        if (first && chars.hasRemaining()) {
            first = false;
            if (chars.get(0) == '\uFEFF') {
                chars.position(1);
                bom = true;
            }
        }
        return chars.hasRemaining() || !flushed;
    }

    /** Counts line breaks in the characters decoded so far (chars is in write mode). */
    private void countLines() {
        for (int i = 0; i < chars.position(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                if (!lastWasCr) line++;
                lastWasCr = false;
            } else if (c == '\r') {
                line++;
                lastWasCr = true;
            } else {
                lastWasCr = false;
            }
        }
    }

    private void readBytes() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) eof = true;
        else bytes.position(bytes.position() + n);
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Input that is not valid UTF-8, with where it was found. */
    static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;
        final long byteOffset;
        final int badByte;

        InvalidUtf8Exception(long line, long byteOffset, int badByte) {
            super("invalid UTF-8 at line " + line);
            this.line = line;
            this.byteOffset = byteOffset;
            this.badByte = badByte;
        }
    }
}
