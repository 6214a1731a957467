package dev.cadence.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadence.model.Channel;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * and a retry of the same touch replaces its file instead of adding a second one. Files are
 * made durable and renamed a batch at a time ({@link #flush()}), before the runner records the
 * batch as sent.
 */
public final class OutboxTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path dir;
    private final Clock clock;
    private final List<Pending> pending = new ArrayList<>();
    private ExecutorService syncers;

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

    /**
     * Builds the file's content and hands writing and forcing it to a small pool of threads
     * (forces from several threads share the file system's journal commits); the file only
     * appears under its name in {@link #flush()}.
     */
    @Override
    public SendResult send(OutgoingMessage m) {
        byte[] content = m.channel() == Channel.EMAIL ? MimeBuilder.bytes(MimeBuilder.build(m, clock.instant())) : json(m);
        Path target = fileOf(m);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new SendResult.Temporary("cannot write " + target + ": " + e.getMessage());
        }
        Future<?> written = syncers().submit(() -> {
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(content);
                out.getChannel().force(false);
            }
            return null;
        });
        pending.add(new Pending(m.key(), temp, target, written));
        return new SendResult.Sent("written to " + target.getFileName());
    }

    /**
     * Makes the batch durable and visible: waits for every file's data to be forced, renames
     * each into place, forces the folder. Returns the touches (by key) whose file could not be
     * written, with why: those were not sent. Until this returns nothing of the batch is
     * recorded as sent; if the process dies first, the batch's touches are found in doubt.
     */
    @Override
    public Map<String, String> flush() {
        if (pending.isEmpty()) return Map.of();
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Pending p : batch) {
            try {
                p.written().get();
                try {
                    Files.move(p.temp(), p.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(p.temp(), p.target(), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.put(p.key(), "interrupted while writing " + p.target());
            } catch (ExecutionException | IOException e) {
                Throwable why = e instanceof ExecutionException ee ? ee.getCause() : e;
                failed.put(p.key(), "cannot write " + p.target() + ": " + why.getMessage());
                try {
                    Files.deleteIfExists(p.temp());
                } catch (IOException ignored) {
                    // the next write of this touch replaces it
                }
            }
        }
        syncDir();
        return failed;
    }

    private record Pending(String key, Path temp, Path target, Future<?> written) {}

    private ExecutorService syncers() {
        if (syncers == null) {
            syncers = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "outbox-fsync");
                t.setDaemon(true);
                return t;
            });
        }
        return syncers;
    }

    @Override
    public void close() {
        // anything still pending was never recorded as sent: its touch is found in doubt
        if (syncers != null) syncers.shutdownNow();
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

    /** The rename is durable once the folder is forced too (best effort where folders cannot be opened). */
    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // folders cannot be forced on this platform; the file itself is
        }
    }
}
