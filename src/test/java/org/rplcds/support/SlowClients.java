package org.rplcds.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that open a call declaring a large body and then send it a byte at a time, each
 * {@code interval}, for as long as the server keeps their connection open: the slow-body attack.
 */
public final class SlowClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final Thread trickle;
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean stopped;

    private SlowClients(List<Socket> sockets, Duration interval) {
        this.sockets.addAll(sockets);
        this.trickle = new Thread(
                () -> {
                    List<Socket> open = new ArrayList<>(sockets);
                    while (!stopped && !open.isEmpty()) {
                        open.removeIf(socket -> {
                            try {
                                socket.getOutputStream().write(' ');
                                socket.getOutputStream().flush();
                                return false;
                            } catch (IOException e) {
                                closedByServer.incrementAndGet();
                                return true;
                            }
                        });
                        try {
                            Thread.sleep(interval.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "slow-clients");
        trickle.setDaemon(true);
        trickle.start();
    }

    /**
     * Opens {@code count} connections to {@code path} on the port, each declaring {@code declared}
     * bytes of body and sending the first byte of it.
     *
     * @param headers more header lines, each ending in CRLF, such as an Authorization header
     */
    public static SlowClients open(int port, String path, int count, long declared, String headers, Duration interval)
            throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + headers + "Content-Length: " + declared + "\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        return new SlowClients(sockets, interval);
    }

    /** The connections whose next byte could not be sent: the server closed them. */
    public int closedByServer() {
        return closedByServer.get();
    }

    /** What the server answered on the first connection, read until it closes it (at most 30 s). */
    public String firstAnswer() throws IOException {
        Socket first = sockets.get(0);
        first.setSoTimeout(30_000);
        return new String(first.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        trickle.interrupt();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
