package com.example.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends an HTTP request exactly as written, even one that no well-behaved client would
 * send, such as an address with a broken percent escape, and reads the status back.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The status code of the answer to, for example, {@code "GET /messages?x=%ZZ"}. */
    public static int status(int port, String requestLine) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) HubTestClient.TIMEOUT.toMillis());
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            out.write(requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            out.flush();
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
