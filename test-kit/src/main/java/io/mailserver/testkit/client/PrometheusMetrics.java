package io.mailserver.testkit.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's {@code /q/metrics} the way Prometheus would, for tests that watch a meter. */
public final class PrometheusMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusMetrics() {
    }

    /**
     * The sum of every series of {@code name} whose labels contain all of {@code labels} (each like
     * {@code outcome="refused"}); 0 when there is none.
     */
    public static double sum(int httpPort, String name, String... labels) {
        String body;
        try {
            body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("no metrics on port " + httpPort, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+|NaN)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            String series = m.group(1) == null ? "" : m.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches && !m.group(2).equals("NaN")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
