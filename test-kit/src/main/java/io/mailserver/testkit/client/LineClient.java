package io.mailserver.testkit.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately dumb client for SMTP, IMAP and POP3 tests: it sends exactly the bytes it is given
 * and reads CRLF lines, so a test can write a conversation as {@code C:}/{@code S:} steps and also
 * send what no polite client would (bare LFs, oversize lines, pipelined plaintext before STARTTLS).
 */
public final class LineClient implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private LineClient(String host, int port, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        attach(socket);
    }

    public static LineClient connect(String host, int port) {
        return connectFrom(null, host, port);
    }

    /**
     * Connects from a chosen local address, e.g. {@code 127.0.0.2}, so a test can be a client the
     * server tells apart from the others on loopback (per-address limits); null: any.
     */
    public static LineClient connectFrom(String localAddress, String host, int port) {
        try {
            Socket socket = new Socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(15000);
            return new LineClient(host, port, socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** Connects with TLS from the first byte (ports 465, 993, 995). */
    public static LineClient connectTls(String host, int port, SSLContext tls) {
        try {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(15000);
            socket.startHandshake();
            return new LineClient(host, port, socket);
        } catch (IOException e) {
            throw new UncheckedIOException("TLS connect to " + host + ":" + port + " failed", e);
        }
    }

    /** Upgrades the connection in place, after the server accepted STARTTLS/STLS. */
    public void startTls(SSLContext tls) {
        try {
            SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
            upgraded.setUseClientMode(true);
            upgraded.startHandshake();
            attach(upgraded);
        } catch (IOException e) {
            throw new UncheckedIOException("TLS upgrade failed", e);
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    /** Sends {@code line} followed by CRLF. */
    public LineClient send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Sends exactly these characters (ISO-8859-1), no CRLF added. */
    public LineClient sendRaw(String text) {
        return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public LineClient sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without CRLF; null when the server closed the connection. */
    public String readLine() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 && previous < 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                if (b == '\n' && previous == '\r') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
                previous = b;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer from the server within the read timeout");
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads exactly {@code n} bytes (an IMAP literal). */
    public byte[] readBytes(int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a line and fails unless it starts with {@code prefix}; returns the line. */
    public String expect(String prefix) {
        String line = readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new AssertionError("expected a line starting with \"" + prefix + "\" but got \"" + line + "\"");
        }
        return line;
    }

    /**
     * Reads lines until one starts with {@code prefix} (for example an IMAP tagged reply or the last
     * line of a multi-line SMTP reply) and returns every line read, that one last.
     */
    public java.util.List<String> readUntil(String prefix) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new AssertionError("connection closed before a line starting with \"" + prefix + "\"; read " + lines);
            }
            lines.add(line);
            if (line.startsWith(prefix)) {
                return lines;
            }
        }
    }

    /** True when the server has closed the connection (reads end-of-stream). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
