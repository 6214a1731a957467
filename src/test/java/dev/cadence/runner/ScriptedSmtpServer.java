package dev.cadence.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny real SMTP server on a loopback socket whose answers a test scripts: the reply to
 * RCPT and to the end of DATA, or dropping the connection right after the final ".". What
 * failure modes need and GreenMail cannot be told to do. Keeps every message it read to the
 * end ({@link #messages()}), whatever it answered.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    volatile String rcptReply = "250 2.1.5 ok";
    volatile String dataReply = "250 2.0.0 queued as 42";
    volatile boolean dropAfterDot;
    /** Drop the connection right after the final "." of this message on a connection (1 = the first; 0: never). */
    volatile int dropAfterDotOf;
    /** After this many messages on one connection the server closes it (0: never), saying {@link #closeWith} first if set. */
    volatile int closeAfter;
    volatile String closeWith;
    /** Connections accepted so far. */
    final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    /** RCPT replies for particular addresses (lower case), over {@link #rcptReply}. */
    volatile java.util.Map<String, String> rcptReplies = java.util.Map.of();
    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread thread;

    ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every message received up to its final "." (delivered or not, as the script said). */
    List<String> messages() {
        return List.copyOf(messages);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // connection ended; wait for the next
            }
        }
    }

    private void session(Socket s) throws IOException {
        connections.incrementAndGet();
        int onThisConnection = 0;
        int messagesHere = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        say(out, "220 scripted ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (cmd) {
                case "EHLO", "HELO" -> say(out, "250 scripted");
                case "MAIL", "RSET", "NOOP" -> say(out, "250 2.0.0 ok");
                case "RCPT" -> {
                    String to = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase();
                    say(out, rcptReplies.getOrDefault(to, rcptReply));
                }
                case "DATA" -> {
                    say(out, "354 go ahead");
                    StringBuilder msg = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) msg.append(l).append('\n');
                    messages.add(msg.toString());
                    if (dropAfterDot || (dropAfterDotOf > 0 && ++messagesHere == dropAfterDotOf)) {
                        s.close();
                        return;
                    }
                    say(out, dataReply);
                    if (closeAfter > 0 && ++onThisConnection >= closeAfter) {
                        if (closeWith != null) say(out, closeWith);
                        s.close();
                        return;
                    }
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "500 5.5.1 unknown command");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
