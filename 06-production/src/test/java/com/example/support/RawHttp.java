package com.example.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Sends an HTTP request exactly as written, even one that no well-behaved client would
 * send, such as an address with a broken percent escape, and reads the answer back. It
 * logs nothing: a test that checks the app's logs sees the app's lines only.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status code of the answer to, for example, {@code "GET /messages?x=%ZZ"}. */
    public static int status(int port, String requestLine) {
        return Integer.parseInt(head(port, requestLine).get(0).split(" ")[1]);
    }

    /** The status line and the headers of the answer, one a line. */
    public static List<String> head(int port, String requestLine) {
        String answer = exchange(port, requestLine, List.of(), null);
        return Arrays.asList(answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n"));
    }

    /**
     * Sends the request with these headers and, unless {@code null}, this body, and
     * returns the whole answer: status line, headers and body.
     */
    public static String exchange(int port, String requestLine, List<String> headers, String body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) HubTestClient.TIMEOUT.toMillis());
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            out.write(requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String header : headers) {
                out.write(header + "\r\n");
            }
            if (body != null) {
                out.write("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            }
            out.write("\r\n" + ((body != null) ? body : ""));
            out.flush();
            return readAll(socket.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.UTF_8);
    }

}
