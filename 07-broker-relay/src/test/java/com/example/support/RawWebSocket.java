package com.example.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on a plain socket, for what no polite client does, such as sending a
 * frame after the server closed the connection, and for knowing exactly when the server
 * has let go of the TCP connection: everything the server was sent before is handled.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final int TEXT = 1;

    private static final int CLOSE = 8;

    private final Socket socket;

    private final DataInputStream in;

    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the hub's WebSocket with a token in the handshake's header. */
    public static RawWebSocket open(int port, String token) throws IOException {
        return open(port, "/messages", "Authorization: Bearer " + token + "\r\n");
    }

    /** Opens the hub's WebSocket with a token in the address, as a browser does. */
    public static RawWebSocket openWithTokenInAddress(int port, String token) throws IOException {
        return open(port, "/messages?access_token=" + token, "");
    }

    /**
     * Opens the hub's WebSocket with a connection ticket in the address, as the page
     * does.
     */
    public static RawWebSocket openWithTicket(int port, String ticket) throws IOException {
        return open(port, "/messages?ticket=" + ticket, "");
    }

    /**
     * Opens the hub's WebSocket on a socket that buffers at most a few KiB of what
     * arrives, so that a client that stops reading stalls the server's writes soon, as a
     * stalled network would.
     */
    public static RawWebSocket openWithSmallReceiveBuffer(int port, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        return open(socket, port, "/messages", "Authorization: Bearer " + token + "\r\n");
    }

    private static RawWebSocket open(int port, String path, String headers) throws IOException {
        return open(new Socket("localhost", port), port, path, headers);
    }

    private static RawWebSocket open(Socket socket, int port, String path, String headers) throws IOException {
        RawWebSocket client = new RawWebSocket(socket);
        client.socket.setSoTimeout((int) HubTestClient.TIMEOUT.toMillis());
        client.out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + headers + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        String status = client.readLine();
        assertThat(status).as("handshake").startsWith("HTTP/1.1 101");
        while (!client.readLine().isEmpty()) {
            // the response's headers
        }
        return client;
    }

    /** Sends a STOMP frame; the NUL that ends it is added. */
    public void sendFrame(String frame) throws IOException {
        send(TEXT, (frame + "\0").getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose() throws IOException {
        send(CLOSE, new byte[] { 0x03, (byte) 0xE8 });
    }

    /** The text of the next text frame; a close frame ends the wait with {@code null}. */
    public String nextText() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == TEXT) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
            if (frame.opcode() == CLOSE) {
                return null;
            }
        }
    }

    /**
     * Reads frames until the server closes the TCP connection, answering its close frame
     * as a client should, and returns their texts.
     */
    public List<String> readUntilServerLetsGo() throws IOException {
        List<String> texts = new ArrayList<>();
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == CLOSE) {
                    texts.add("CLOSE");
                    sendClose();
                }
                else {
                    texts.add(new String(frame.payload(), StandardCharsets.UTF_8));
                }
            }
        }
        catch (EOFException ex) {
            return texts;
        }
    }

    @Override
    public void close() throws IOException {
        this.socket.close();
    }

    private void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        // A client masks what it sends (RFC 6455, section 5.3).
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        this.out.write(frame.toByteArray());
        this.out.flush();
    }

    private Frame read() throws IOException {
        int first = this.in.readUnsignedByte();
        int length = this.in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = this.in.readUnsignedShort();
        }
        else if (length == 127) {
            length = (int) this.in.readLong();
        }
        byte[] payload = new byte[length];
        this.in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int next;
        while ((next = this.in.read()) != '\n') {
            if (next == -1) {
                throw new EOFException();
            }
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private record Frame(int opcode, byte[] payload) {

    }

}
