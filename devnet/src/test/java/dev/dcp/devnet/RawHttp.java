package dev.dcp.devnet;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: bodies shorter than their
 * Content-Length, duplicate framing headers, raw bytes in the request line and headers.
 */
final class RawHttp {

    /** A response as read off the wire; header names lower-cased. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {}

    /**
     * Sends the bytes, closes the sending half if asked (a truncated body then ends early), and reads one response;
     * empty if the server closed the connection without answering.
     */
    static Optional<Response> exchange(int port, byte[] request, boolean closeOutput, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (closeOutput) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // the server may answer and close before it has read all of a bad request: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static Optional<Response> read(InputStream in) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (EOFException | SocketException e) {
            return Optional.empty();
        }
        if (statusLine == null) {
            return Optional.empty();
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = readHeaders(in);
        if (status >= 100 && status < 200) {
            // an interim response (100 Continue to Expect: 100-continue): the answer follows it
            return read(in);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = first(headers, "content-length");
        if (status == 204 || status == 304) {
            // no body
        } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            for (int size = Integer.parseInt(chunkSize(line(in)), 16); size > 0; ) {
                body.write(in.readNBytes(size));
                line(in);
                size = Integer.parseInt(chunkSize(line(in)), 16);
            }
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else {
            body.write(in.readAllBytes());
        }
        return Optional.of(new Response(status, headers, body.toByteArray()));
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String chunkSize(String line) {
        int ext = line.indexOf(';');
        return (ext < 0 ? line : line.substring(0, ext)).trim();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    /** One CRLF-terminated line as ISO-8859-1, or null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new EOFException("the response ended inside a line");
    }
}
