package dev.teamcredits.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A fault injector at the edge: a loopback HTTP/1.1 proxy in front of one service (as a load balancer would be).
 * Each request is forwarded on a connection of its own and its answer passed back, with {@code Connection: close}.
 * Armed with {@link #dropAnswerOfNext}, it forwards the next matching request, reads the service's whole answer,
 * runs an action while it holds it (e.g. kill and restart the service) and then resets the client's connection
 * without a byte of it: the request was applied, the caller never heard. It records every request it saw.
 */
final class FaultyEdge implements AutoCloseable {

    /** A request as it passed: method, path with query, and its Idempotency-Key header (or null). */
    record Seen(String method, String path, String idempotencyKey) {
    }

    /** What to do while an answer is held back. */
    interface WhileHeld {
        void run() throws Exception;
    }

    private record Fault(Predicate<Seen> matches, WhileHeld whileHeld) {
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final AtomicReference<Fault> armed = new AtomicReference<>();

    FaultyEdge(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-edge-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The next request that matches is applied upstream, {@code whileHeld} runs, and its answer is never sent. */
    void dropAnswerOfNext(Predicate<Seen> matches, WhileHeld whileHeld) {
        armed.set(new Fault(matches, whileHeld));
    }

    /** Every request seen, in order. */
    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The answers held back, as the service wrote them (status line, headers, body). */
    List<String> dropped() {
        return List.copyOf(dropped);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "faulty-edge-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
            String[] requestLine = lines.get(0).split(" ");
            int length = 0;
            String key = null;
            StringBuilder forwarded = new StringBuilder(lines.get(0)).append("\r\n");
            for (String line : lines.subList(1, lines.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("idempotency-key")) {
                    key = value;
                }
                if (!name.equals("connection")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            Seen request = new Seen(requestLine[0], requestLine[1], key);
            seen.add(request);
            Fault fault = armed.get();
            boolean drop = fault != null && fault.matches().test(request) && armed.compareAndSet(fault, null);

            byte[] answer;
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                OutputStream out = upstream.getOutputStream();
                out.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                answer = upstream.getInputStream().readAllBytes();
            } catch (IOException e) {
                // The service is down: the caller sees its connection dropped, as from a load balancer.
                reset(client);
                return;
            }
            if (drop) {
                dropped.add(new String(answer, StandardCharsets.UTF_8));
                fault.whileHeld().run();
                reset(client);
                return;
            }
            client.getOutputStream().write(closing(answer));
            client.getOutputStream().flush();
        } catch (Exception e) {
            // A connection the client gave up on; nothing to tell.
        }
    }

    /** The answer with {@code Connection: close}, so the client opens a new connection for its next request. */
    private static byte[] closing(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return answer;
        }
        StringBuilder head = new StringBuilder();
        for (String line : text.substring(0, end).split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                head.append(line).append("\r\n");
            }
        }
        head.append("Connection: close");
        return (head + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void reset(Socket client) throws IOException {
        client.setSoLinger(true, 0);
        client.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
