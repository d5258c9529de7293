package io.mailserver.localstack.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** auth-service's admin REST API ({@code /api/v1}), authenticated with the admin bearer token. */
public final class AdminClient {

    /** A response as it came: status and JSON body. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Response orThrow() {
            if (!ok()) {
                throw new IllegalStateException("admin API answered " + status + ": " + body);
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public AdminClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public Response addDomain(String name) {
        return send("POST", "/api/v1/domains", json("name", name));
    }

    public Response listDomains() {
        return send("GET", "/api/v1/domains", null);
    }

    /** The TXT record that publishes the domain's DKIM key (made on first request). */
    public Response dkimRecord(String domain) {
        return send("GET", "/api/v1/domains/" + java.net.URLEncoder.encode(domain, java.nio.charset.StandardCharsets.UTF_8)
                + "/dkim", null);
    }

    public Response addAccount(String address, String password) {
        return send("POST", "/api/v1/accounts", json("address", address, "password", password));
    }

    public Response listAccounts() {
        return send("GET", "/api/v1/accounts", null);
    }

    public Response changePassword(String address, String password) {
        return send("PUT", "/api/v1/accounts/" + encode(address) + "/password", json("password", password));
    }

    /** Enables or disables an account (a disabled account may not log in; its open sessions end). */
    public Response setEnabled(String address, boolean enabled) {
        return send("PATCH", "/api/v1/accounts/" + encode(address), "{\"enabled\":" + enabled + "}");
    }

    public Response deleteAccount(String address) {
        return send("DELETE", "/api/v1/accounts/" + encode(address), null);
    }

    public Response addAlias(String address, List<String> targets) {
        String targetArray = targets.stream().map(AdminClient::quote).collect(Collectors.joining(",", "[", "]"));
        return send("POST", "/api/v1/aliases", "{\"address\":" + quote(address) + ",\"targets\":" + targetArray + "}");
    }

    public Response listAliases() {
        return send("GET", "/api/v1/aliases", null);
    }

    public Response send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("admin API at " + baseUrl + " not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(String... keyValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(keyValues[i])).append(':').append(quote(keyValues[i + 1]));
        }
        return out.append('}').toString();
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
