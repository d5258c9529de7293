package io.mailserver.smtp.outbound.mtasts;

import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.dns.AsyncDns;
import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.outbound.tls.ServerCertificates;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.NoSuchDomainException;

/**
 * {@link StsLookups} over dnsjava ({@code mail.smtp.dns.servers}) and Vert.x's HTTP client. The policy
 * host's address comes from the same resolvers as the MX hosts; the connection goes there with the
 * policy host's name for SNI, the Host field and the certificate check, against the JVM's authorities
 * and those of {@code mail.smtp.delivery.tls.trusted-authorities}. At most {@link StsPolicy#MAX_BYTES}
 * of a body are read, and the whole fetch (connection, request, body) gets {@code fetch-timeout}: past
 * it the request is reset, so a host that drips its answer a byte at a time holds no socket. An
 * address that refuses the connection passes the fetch to the host's next one.
 */
@ApplicationScoped
public class HttpsStsLookups implements StsLookups {

    static final String PATH = "/.well-known/mta-sts.txt";
    static final int MAX_ADDRESSES = 4;

    private final Vertx vertx;
    private final AsyncDns dns;
    private final HttpClient http;
    private final int port;
    private final Duration timeout;

    @jakarta.inject.Inject
    public HttpsStsLookups(Vertx vertx, MailConfig config, ServerCertificates certificates) {
        this(vertx, config.smtp().dns().servers(), config.smtp().dns().timeout(), config.smtp().delivery().mtaSts().policyPort(),
                config.smtp().delivery().mtaSts().fetchTimeout(), certificates);
    }

    /**
     * @param certificates what the policy hosts' certificates must chain to: the authorities MX hosts'
     *                     certificates are checked against
     */
    HttpsStsLookups(Vertx vertx, Optional<List<String>> dnsServers, Duration dnsTimeout, int port, Duration timeout,
            ServerCertificates certificates) {
        this.vertx = vertx;
        this.dns = new AsyncDns(dnsServers, dnsTimeout);
        this.port = port;
        this.timeout = timeout;
        // few policy hosts are asked at once; a small pool and queue keep a flood of new domains bounded
        HttpClientOptions options = new HttpClientOptions().setSsl(true).setVerifyHost(true).setKeepAlive(false)
                .setConnectTimeout((int) timeout.toMillis()).setMaxRedirects(0).setMaxPoolSize(2).setMaxWaitQueueSize(50)
                .setTrustOptions(TrustOptions.wrap(certificates.trustManager()));
        this.http = vertx.createHttpClient(options);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    @Override
    public Uni<DnsAnswer<String>> records(String domain) {
        Name name;
        try {
            name = Name.fromString("_mta-sts." + domain + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().item(new DnsAnswer.None<>());
        }
        return dns.query(name, Type.TXT)
                .<DnsAnswer<String>>map(records -> {
                    List<String> strings = records.stream().filter(TXTRecord.class::isInstance)
                            .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
                    return strings.isEmpty() ? new DnsAnswer.None<>() : new DnsAnswer.Records<>(strings);
                })
                .onFailure(NoSuchDomainException.class).recoverWithItem(new DnsAnswer.None<>())
                .onFailure().recoverWithItem(failure -> new DnsAnswer.Failure<>(failure.getClass().getSimpleName()));
    }

    @Override
    public Uni<String> policy(String domain) {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        return addresses(host).flatMap(addresses -> Uni.createFrom().completionStage(() -> fetch(host, addresses).toCompletionStage()));
    }

    /**
     * GET of the policy from the first address that takes the connection, all within the timeout:
     * when it runs out the request is reset, whatever the host still sends.
     */
    private Future<String> fetch(String host, List<String> addresses) {
        Promise<String> result = Promise.promise();
        AtomicReference<HttpClientRequest> current = new AtomicReference<>();
        long deadline = vertx.setTimer(timeout.toMillis(), t -> {
            result.tryFail("the policy host did not answer within " + timeout.toSeconds() + " s");
            HttpClientRequest request = current.get();
            if (request != null) {
                request.reset();
            }
        });
        result.future().onComplete(done -> vertx.cancelTimer(deadline));
        connect(host, addresses, 0, result, current);
        return result.future();
    }

    private void connect(String host, List<String> addresses, int i, Promise<String> result,
            AtomicReference<HttpClientRequest> current) {
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(PATH).setSsl(true)
                        .setServer(SocketAddress.inetSocketAddress(port, addresses.get(i))).setFollowRedirects(false))
                .onFailure(failure -> {
                    // unreachable (or the handshake failed): the host's next address, while time is left
                    if (i + 1 < addresses.size() && !result.future().isComplete()) {
                        connect(host, addresses, i + 1, result, current);
                    } else {
                        result.tryFail(failure);
                    }
                })
                .onSuccess(request -> {
                    current.set(request);
                    if (result.future().isComplete()) {
                        request.reset();
                        return;
                    }
                    request.send().compose(this::body).onComplete(done -> {
                        if (done.succeeded()) {
                            result.tryComplete(done.result());
                        } else {
                            result.tryFail(done.cause());
                        }
                    });
                });
    }

    /** The body of a 200 text/plain answer, read up to the limit; anything else fails. */
    private Future<String> body(HttpClientResponse response) {
        String type = response.getHeader("Content-Type");
        if (response.statusCode() != 200) {
            response.request().reset();
            return Future.failedFuture("the policy host answered " + response.statusCode());
        }
        if (type == null || !type.split(";", 2)[0].strip().equalsIgnoreCase("text/plain")) {
            response.request().reset();
            return Future.failedFuture("the policy is not text/plain");
        }
        Promise<String> body = Promise.promise();
        Buffer read = Buffer.buffer();
        response.handler(chunk -> {
            if (read.length() + chunk.length() > StsPolicy.MAX_BYTES) {
                body.tryFail("the policy is larger than " + StsPolicy.MAX_BYTES + " octets");
                response.request().reset();
                return;
            }
            read.appendBuffer(chunk);
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(v -> body.tryComplete(read.toString(StandardCharsets.UTF_8)));
        return body.future();
    }

    /** The policy host's addresses, IPv4 before IPv6 as for MX hosts, at most {@value #MAX_ADDRESSES}. */
    private Uni<List<String>> addresses(String host) {
        Name name;
        try {
            name = Name.fromString(host + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a host name: " + host));
        }
        return dns.addresses(name).map(found -> {
            if (found.isEmpty()) {
                throw new IllegalStateException(host + " has no address");
            }
            return found.stream().limit(MAX_ADDRESSES).map(InetAddress::getHostAddress).toList();
        });
    }
}
