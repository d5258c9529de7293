package io.mailserver.testkit.dns;

import io.mailserver.localstack.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An authoritative PowerDNS server (Debian's {@code pdns-server} with the sqlite3 backend) on loopback,
 * its zones made through its HTTP API as dns-service will make them. Resolvers under test ask it
 * directly ({@link #dnsPort()}), so answers are real DNS messages, not a stub's.
 */
public final class PowerDns implements AutoCloseable {

    /** One record: name (absolute, with the trailing dot), type, and its content as PowerDNS writes it. */
    public record Record(String name, String type, String content) {
    }

    private static final String API_KEY = "test-api-key";

    private final Process process;
    private final int dnsPort;
    private final int apiPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PowerDns(Process process, int dnsPort, int apiPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.apiPort = apiPort;
    }

    /** Starts a server with an empty database in {@code directory}; fails when pdns-server is not installed. */
    public static PowerDns start(Path directory) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/pdns_server");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("PowerDNS is not installed (apt-get install pdns-server pdns-backend-sqlite3)");
        }
        Files.createDirectories(directory);
        Path database = directory.resolve("pdns.sqlite3");
        String schema = Files.readString(Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"));
        Path schemaFile = directory.resolve("schema.sql");
        Files.writeString(schemaFile, schema);
        // Debian's python3 has sqlite3 built in; no sqlite3 command-line tool needed
        Process create = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()",
                database.toString(), schemaFile.toString()).redirectErrorStream(true).start();
        if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("could not create the PowerDNS database: "
                    + new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        int dnsPort = FreePorts.find();
        int apiPort = FreePorts.find();
        Path socketDir = Files.createDirectories(directory.resolve("run"));
        Files.writeString(directory.resolve("pdns.conf"), String.join("\n",
                "launch=gsqlite3",
                "gsqlite3-database=" + database,
                "gsqlite3-dnssec=yes",
                "local-address=127.0.0.1",
                "local-port=" + dnsPort,
                "api=yes",
                "api-key=" + API_KEY,
                "webserver=yes",
                "webserver-address=127.0.0.1",
                "webserver-port=" + apiPort,
                "webserver-allow-from=127.0.0.0/8",
                "socket-dir=" + socketDir,
                "guardian=no",
                "daemon=no",
                "disable-syslog=yes",
                "log-dns-queries=no",
                "") );
        Process process = new ProcessBuilder(binary.toString(), "--config-dir=" + directory)
                .redirectErrorStream(true).start();
        PowerDns dns = new PowerDns(process, dnsPort, apiPort);
        dns.awaitReady(directory.resolve("pdns.log"));
        return dns;
    }

    public int dnsPort() {
        return dnsPort;
    }

    /** Creates a native zone with these records (an SOA and NS are added). */
    public void addZone(String zone, List<Record> records) throws IOException, InterruptedException {
        addZone(zone, records, false);
    }

    /**
     * Creates a zone signed with DNSSEC (PowerDNS signs its answers live with a key it makes) and
     * returns its DS record in zone-file form ({@code signed.test. IN DS 4711 13 2 ab12...}): the trust
     * anchor a validating resolver needs, as no parent zone vouches for it.
     */
    public String addSignedZone(String zone, List<Record> records) throws IOException, InterruptedException {
        String name = zone.endsWith(".") ? zone : zone + ".";
        addZone(name, records, true);
        String keys = send("GET", "/api/v1/servers/localhost/zones/" + name + "/cryptokeys", null, 200);
        // the SHA-256 digest (type 2) of the key-signing key: "ds": ["4711 13 1 …", "4711 13 2 …", …]
        java.util.regex.Matcher ds = java.util.regex.Pattern.compile("\"(\\d+ \\d+ 2 [0-9a-fA-F]+)\"").matcher(keys);
        if (!ds.find()) {
            throw new IllegalStateException("no DS record for " + name + ": " + keys);
        }
        return name + " IN DS " + ds.group(1);
    }

    private void addZone(String zone, List<Record> records, boolean signed) throws IOException, InterruptedException {
        String name = zone.endsWith(".") ? zone : zone + ".";
        String rrsets = records.stream().collect(Collectors.groupingBy(r -> r.name() + " " + r.type())).values().stream()
                .map(group -> "{\"name\":\"" + group.get(0).name() + "\",\"type\":\"" + group.get(0).type()
                        + "\",\"ttl\":60,\"changetype\":\"REPLACE\",\"records\":["
                        + group.stream().map(r -> "{\"content\":\"" + r.content() + "\",\"disabled\":false}")
                                .collect(Collectors.joining(","))
                        + "]}")
                .collect(Collectors.joining(","));
        // api_rectify: a signed zone's denial-of-existence chain is rebuilt after every change
        send("POST", "/api/v1/servers/localhost/zones", "{\"name\":\"" + name + "\",\"kind\":\"Native\",\"nameservers\":[\"ns1."
                + name + "\"]" + (signed ? ",\"dnssec\":true,\"api_rectify\":true" : "") + "}", 201);
        if (!records.isEmpty()) {
            send("PATCH", "/api/v1/servers/localhost/zones/" + name, "{\"rrsets\":[" + rrsets + "]}", 204);
        }
    }

    /** One API request; its response body. {@code json} null sends none. */
    private String send(String method, String path, String json, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /**
     * Copies the server's output to {@code log} and returns once it says it serves queries (its web
     * server starts before that line), or fails when it exits or 30 s pass first.
     */
    private void awaitReady(Path log) throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    var file = Files.newBufferedWriter(log)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    file.write(line);
                    file.newLine();
                    file.flush();
                    if (line.contains("ready to distribute questions")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "pdns-log");
        copier.setDaemon(true);
        copier.start();
        if (!ready.await(30, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("PowerDNS did not become ready: " + Files.readString(log));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                        + "/api/v1/servers/localhost")).header("X-API-Key", API_KEY).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PowerDNS API answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
