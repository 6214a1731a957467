package dev.cadence.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadence.model.Channel;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The default transport: files in a folder of the workspace, no server needed. An email is
 * one RFC 5322 {@code <key>.eml}; an sms or webhook touch one {@code <key>.json}. Each file is
 * written to a temporary name, forced to disk and renamed, so a reader never sees half a file
 * and a retry of the same touch replaces its file instead of adding a second one. The file's
 * data is forced when written ({@code fdatasync}) and the folder once per batch
 * ({@link #flush()}), before the runner records the batch as sent.
 */
public final class OutboxTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path dir;
    private final Clock clock;
    private boolean wrote;

    public OutboxTransport(String name, Path dir, Clock clock) {
        this.name = name;
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean carries(Channel channel) {
        return channel == Channel.EMAIL || channel == Channel.SMS || channel == Channel.WEBHOOK;
    }

    /** The file a touch goes to. */
    public Path fileOf(OutgoingMessage m) {
        return dir.resolve(m.key() + (m.channel() == Channel.EMAIL ? ".eml" : ".json"));
    }

    /** Local files: claimed, written and recorded 100 at a time (two ledger commits per batch). */
    @Override
    public int batchSize() {
        return 100;
    }

    /** The renames of the batch are durable once the folder is forced (each file's data already is). */
    @Override
    public void flush() {
        if (wrote) syncDir();
        wrote = false;
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        byte[] content = m.channel() == Channel.EMAIL ? MimeBuilder.bytes(MimeBuilder.build(m, clock.instant())) : json(m);
        Path target = fileOf(m);
        try {
            Files.createDirectories(dir);
            write(target, content);
        } catch (IOException e) {
            return new SendResult.Temporary("cannot write " + target + ": " + e.getMessage());
        }
        return new SendResult.Sent("written to " + target.getFileName());
    }

    static byte[] json(OutgoingMessage m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", m.key());
        o.put("channel", m.channel().id());
        o.put("to", m.channel() == Channel.SMS ? m.phone().orElse("") : m.to().email());
        o.put("email", m.to().email());
        m.phone().ifPresent(p -> o.put("phone", p));
        m.subject().ifPresent(s -> o.put("subject", s));
        o.put("body", m.text());
        ObjectNode c = o.putObject("contact");
        new java.util.TreeMap<>(m.contact()).forEach(c::put);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(Path target, byte[] content) throws IOException {
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
            out.write(content);
            out.getChannel().force(false);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        wrote = true;
    }

    /** The rename is durable once the folder is forced too (best effort where folders cannot be opened). */
    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // folders cannot be forced on this platform; the file itself is
        }
    }
}
