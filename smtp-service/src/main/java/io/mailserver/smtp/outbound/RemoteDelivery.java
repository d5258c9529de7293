package io.mailserver.smtp.outbound;

import io.mailserver.protocol.lines.DotStuffingEncoder;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.outbound.dane.DaneCertificates;
import io.mailserver.smtp.outbound.tls.ServerCertificates;
import io.mailserver.smtp.outbound.tls.TlsPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One delivery attempt of one message to one remote server (RFC 5321 §3.3 as the client): greeting,
 * EHLO (HELO when EHLO is refused), STARTTLS whenever offered (opportunistic: RFC 7435, no
 * certificate check) or, when a {@link TlsPolicy policy} asks, STARTTLS required and the
 * certificate checked (PKIX and name, or TLSA records) before anything of the message is sent, MAIL with SIZE when
 * offered, BODY=8BITMIME when the message has 8-bit octets (a server without 8BITMIME gets nothing
 * and every recipient fails 5.6.3), SMTPUTF8 when the message needs it (RFC 6531; a server without it gets
 * nothing and every recipient fails 5.6.7 or 5.6.9), REQUIRETLS when the sender asked for it (RFC 8689;
 * only over a verified connection, to a server that offers it, else every recipient fails 5.7.10 or
 * 5.7.30), the DSN parameters (RFC 3461) when offered, one RCPT per recipient, DATA with the content
 * dot-stuffed, QUIT. Every recipient
 * ends with a result: the RCPT reply when it refused, else the reply to the data; a connection that
 * fails before the data is accepted defers everyone still open.
 */
public final class RemoteDelivery {

    /** RFC 5321 §4.5.3.2 timeouts, in one place. */
    public record Timeouts(Duration connect, Duration command, Duration dataBlock, Duration finalReply) {
    }

    static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final NetClient client;
    private final String heloName;
    private final Timeouts timeouts;
    private final ServerCertificates certificates;
    private final DaneCertificates daneCertificates = new DaneCertificates(Clock.systemUTC());
    private final IdleConnections idle;
    private final int maxTransactions;

    /**
     * @param client       a client that accepts any certificate in the handshake: the check, when a
     *                     policy asks for one, is {@code certificates}' after it
     */
    public RemoteDelivery(Vertx vertx, NetClient client, String heloName, Timeouts timeouts, ServerCertificates certificates,
            Reuse reuse) {
        this.vertx = vertx;
        this.client = client;
        this.heloName = heloName;
        this.timeouts = timeouts;
        this.certificates = certificates;
        this.idle = new IdleConnections(vertx, reuse.idle(), reuse.perDestination(), reuse.total());
        this.maxTransactions = Math.max(1, reuse.transactions());
    }

    /**
     * How sessions are kept for the next message to the same server.
     *
     * @param idle           how long a session waits for its next message; zero: one message per session
     * @param transactions   messages one session carries at most
     * @param perDestination sessions parked per destination at most
     * @param total          sessions parked at most
     */
    public record Reuse(Duration idle, int transactions, int perDestination, int total) {

        public static final Reuse NONE = new Reuse(Duration.ZERO, 1, 0, 0);
    }

    /** With opportunistic TLS. */
    public Uni<List<RecipientResult>> deliver(String host, int port, OutboundMessage message) {
        return deliver(host, port, message, TlsPolicy.OPPORTUNISTIC);
    }

    /**
     * Results in the order of {@code message.recipients()}; never fails. Runs on a parked session to
     * the same destination when there is one (and on a new one should that turn out to be gone
     * before anything was sent), else on a new connection. Completes once the session is closed or
     * parked for the next message, so a caller limiting connections to a destination counts this one
     * until then.
     */
    public Uni<List<RecipientResult>> deliver(String host, int port, OutboundMessage message, TlsPolicy tls) {
        List<RecipientResult> results = new ArrayList<>(Collections.nCopies(message.recipients().size(), null));
        if (message.requireTls() && !tls.authenticated()) {
            // the caller decides which hops are authenticated; this only makes sure none slips through unverified
            refuseAll(results, "5.7.10 REQUIRETLS needs a next hop with a verified certificate");
            return Uni.createFrom().item(List.copyOf(results));
        }
        IdleConnections.Destination destination = new IdleConnections.Destination(host, port, tls);
        Uni<Void> attempt = idle.take(destination)
                .map(parked -> onParked(parked, destination, message, results)
                        // gone while parked: nothing was sent, so a new session cannot deliver twice
                        .onFailure(StaleSession.class).recoverWithUni(stale -> onNew(destination, message, results)))
                .orElseGet(() -> onNew(destination, message, results));
        return attempt
                .onFailure().recoverWithItem(failure -> {
                    String reason = failure instanceof SmtpClientConnection.ConnectionLost ? failure.getMessage()
                            : "delivery failed: " + failure;
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i) == null) {
                            results.set(i, RecipientResult.deferred(reason));
                        }
                    }
                    return null;
                })
                .map(ignored -> List.copyOf(results));
    }

    /** Sessions parked now (for tests and metrics). */
    int parkedSessions() {
        return idle.parked();
    }

    /** Ends the parked sessions (at shutdown). */
    public void closeIdleSessions() {
        idle.closeAll();
    }

    private Uni<Void> onNew(IdleConnections.Destination destination, OutboundMessage message, List<RecipientResult> results) {
        String host = destination.address();
        return SmtpClientConnection.open(vertx, client, host, destination.port())
                .ifNoItem().after(timeouts.connect()).fail()
                .onFailure().transform(e -> new SmtpClientConnection.ConnectionLost("cannot connect to " + host + ":"
                        + destination.port() + ": " + e.getMessage()))
                .flatMap(connection -> session(connection, host, destination.tls(), results)
                        .flatMap(capabilities -> capabilities == null ? connection.quit(QUIT_TIMEOUT)
                                : transaction(connection, capabilities, message, results, false)
                                        .call(() -> release(connection, destination, capabilities, 1)))
                        .onFailure().call(connection::close));
    }

    private Uni<Void> onParked(IdleConnections.Parked parked, IdleConnections.Destination destination, OutboundMessage message,
            List<RecipientResult> results) {
        SmtpClientConnection connection = parked.connection();
        return transaction(connection, parked.capabilities(), message, results, true)
                .call(() -> release(connection, destination, parked.capabilities(), parked.transactions() + 1))
                .onFailure().call(connection::close);
    }

    /**
     * The outcome is known: the session is parked for the next message when RSET shows it clean and
     * alive and it has carried fewer than the allowed transactions, else it ends (a server slow to
     * answer QUIT does not hold the worker). Never fails: the results are settled already.
     */
    private Uni<Void> release(SmtpClientConnection connection, IdleConnections.Destination destination, RemoteReply capabilities,
            int transactions) {
        if (transactions >= maxTransactions || !connection.open()) {
            return connection.quit(QUIT_TIMEOUT);
        }
        return connection.command("RSET", timeouts.command())
                .flatMap(reply -> reply.code() == 250
                        && idle.park(destination, new IdleConnections.Parked(connection, capabilities, transactions))
                        ? Uni.createFrom().voidItem() : connection.quit(QUIT_TIMEOUT))
                .onFailure().recoverWithUni(failure -> connection.close());
    }

    /**
     * Greeting, EHLO (or HELO) and STARTTLS: the capabilities of the session, or null when the server
     * would not talk (every recipient is then deferred).
     */
    private Uni<RemoteReply> session(SmtpClientConnection c, String host, TlsPolicy tls, List<RecipientResult> results) {
        return c.reply(timeouts.command())
                .flatMap(greeting -> {
                    if (greeting.code() != 220) {
                        // a server that will not talk now (RFC 5321 §3.1); another MX or a later try may
                        return deferAll(results, greeting.diagnostic()).map(v -> (RemoteReply) null);
                    }
                    return hello(c).flatMap(ehlo -> ehlo == null
                            ? deferAll(results, "the server accepted neither EHLO nor HELO").map(v -> (RemoteReply) null)
                            : secure(c, host, ehlo, tls));
                });
    }

    /** A parked session that turned out to be gone (or going) before this transaction sent anything. */
    private static final class StaleSession extends RuntimeException {
        StaleSession(String message) {
            super(message, null, false, false);
        }
    }

    /** EHLO, or HELO when the server refuses EHLO; null when neither is accepted. */
    private Uni<RemoteReply> hello(SmtpClientConnection c) {
        return c.command("EHLO " + heloName, timeouts.command()).flatMap(ehlo -> {
            if (ehlo.code() == 250) {
                return Uni.createFrom().item(ehlo);
            }
            return c.command("HELO " + heloName, timeouts.command())
                    .map(helo -> helo.code() == 250 ? helo : null);
        });
    }

    /**
     * STARTTLS when offered, then EHLO again (RFC 3207 §4.2); the capabilities that hold afterwards.
     * Under a mandatory policy, a server without STARTTLS, a refused STARTTLS or a certificate that
     * fails the policy's check ends the connection with every recipient deferred: another MX or a later try
     * may do better, and nothing was sent in the clear.
     */
    private Uni<RemoteReply> secure(SmtpClientConnection c, String host, RemoteReply ehlo, TlsPolicy tls) {
        String serverName = tls.serverName(host);
        if (!ehlo.hasExtension("STARTTLS")) {
            return required(tls, serverName + " does not offer STARTTLS").replaceWith(ehlo);
        }
        return c.command("STARTTLS", timeouts.command()).flatMap(reply -> {
            if (reply.code() != 220) {
                // offered but refused: go on without, as opportunistic TLS does
                return required(tls, serverName + " refused STARTTLS").replaceWith(ehlo);
            }
            return c.startTls(serverName).flatMap(v -> {
                Optional<String> problem = problem(c.peerCertificates(), tls);
                if (problem.isPresent()) {
                    throw new SmtpClientConnection.ConnectionLost("4.7.5 " + problem.get() + ", which " + tls.demandedBy()
                            + " requires");
                }
                return hello(c);
            }).map(again -> {
                if (again == null) {
                    throw new SmtpClientConnection.ConnectionLost("EHLO refused after STARTTLS");
                }
                return again;
            });
        });
    }

    /** What the policy finds wrong with the chain the server presented; empty when it asks nothing of it. */
    private Optional<String> problem(List<? extends Certificate> chain, TlsPolicy tls) {
        if (tls instanceof TlsPolicy.Verified verified) {
            return certificates.problem(chain, verified.host());
        }
        if (tls instanceof TlsPolicy.Dane dane) {
            return daneCertificates.problem(chain, dane.records(), List.of(dane.host()));
        }
        return Optional.empty();
    }

    /** Fails the attempt when the policy demands TLS that {@code missing} says it cannot have. */
    private static Uni<Void> required(TlsPolicy tls, String missing) {
        if (tls.mandatory()) {
            return Uni.createFrom().failure(new SmtpClientConnection.ConnectionLost("4.7.5 " + missing + ", which "
                    + tls.demandedBy() + " requires"));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * One transaction; on a parked session ({@code reused}), a connection lost or a 421 before MAIL is
     * answered is a {@link StaleSession}. Recipients a DSN-capable server took are marked as passed on.
     */
    private Uni<Void> transaction(SmtpClientConnection c, RemoteReply capabilities, OutboundMessage message,
            List<RecipientResult> results, boolean reused) {
        boolean addresses = !MailAddress.isAscii(message.mailFrom())
                || message.recipients().stream().anyMatch(r -> !MailAddress.isAscii(r.address()));
        boolean utf8 = addresses || message.smtputf8();
        if (utf8 && !capabilities.hasExtension("SMTPUTF8")) {
            // RFC 6531 §3.2: no downgrade; the sender hears of it
            return refuseAll(results, addresses
                    ? "5.6.7 the receiving server does not support SMTPUTF8, which this message's UTF-8 addresses need"
                    : "5.6.9 the receiving server does not support SMTPUTF8, which this message's UTF-8 header fields need");
        }
        if (message.requireTls() && !capabilities.hasExtension("REQUIRETLS")) {
            // RFC 8689 §4.2.1: the next hop must take the requirement on, or the message goes no further
            return settleOpen(results, RecipientResult.lackingRequireTls(
                    "5.7.30 the receiving server does not offer REQUIRETLS, which the sender asked for"));
        }
        if (message.eightBit() && !capabilities.hasExtension("8BITMIME")) {
            // RFC 6152 §3: 8-bit data only to a server that offers it; no conversion here
            return refuseAll(results, "5.6.3 the receiving server does not accept 8-bit data (8BITMIME), which this message has");
        }
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(message.mailFrom()).append('>');
        if (capabilities.hasExtension("SIZE")) {
            mail.append(" SIZE=").append(message.size());
        }
        if (message.eightBit()) {
            mail.append(" BODY=8BITMIME");
        }
        if (utf8) {
            mail.append(" SMTPUTF8");
        }
        if (message.requireTls()) {
            mail.append(" REQUIRETLS");
        }
        boolean dsn = capabilities.hasExtension("DSN");
        if (dsn && message.ret() != Ret.UNSPECIFIED) {
            // RFC 3461 §4.3: RET given is passed on as given
            mail.append(" RET=").append(message.ret().name());
        }
        if (dsn && !message.envid().isEmpty()) {
            mail.append(" ENVID=").append(message.envid());
        }
        return c.command(mail.toString(), timeouts.command())
                .onFailure(SmtpClientConnection.ConnectionLost.class)
                .transform(lost -> reused ? new StaleSession(lost.getMessage()) : lost)
                .flatMap(reply -> {
                    if (reused && reply.code() == 421) {
                        throw new StaleSession(reply.diagnostic());
                    }
                    if (!reply.positive()) {
                        return settleAll(results, reply);
                    }
                    return recipients(c, message, dsn, results, 0).flatMap(accepted -> {
                        if (!accepted) {
                            return Uni.createFrom().voidItem();
                        }
                        return data(c, message, results);
                    });
                })
                .invoke(() -> {
                    if (dsn) {
                        results.replaceAll(r -> r == null ? null : r.passedOn());
                    }
                });
    }

    /**
     * RCPT for each recipient from {@code index} on, with its NOTIFY and ORCPT when the server offers
     * DSN; answers whether any was accepted.
     */
    private Uni<Boolean> recipients(SmtpClientConnection c, OutboundMessage message, boolean dsn,
            List<RecipientResult> results, int index) {
        if (index == message.recipients().size()) {
            return Uni.createFrom().item(results.contains(null));
        }
        OutboundMessage.Recipient recipient = message.recipients().get(index);
        StringBuilder rcpt = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
        if (dsn && recipient.dsnNotify().specified()) {
            rcpt.append(" NOTIFY=").append(recipient.dsnNotify().keyword());
        }
        if (dsn && !recipient.originalRecipient().isEmpty()) {
            rcpt.append(" ORCPT=").append(recipient.originalRecipient());
        }
        return c.command(rcpt.toString(), timeouts.command()).flatMap(reply -> {
            if (!reply.positive()) {
                results.set(index, RecipientResult.of(reply));
            }
            return recipients(c, message, dsn, results, index + 1);
        });
    }

    private Uni<Void> data(SmtpClientConnection c, OutboundMessage message, List<RecipientResult> results) {
        return c.command("DATA", timeouts.command()).flatMap(reply -> {
            if (reply.code() != 354) {
                return settleAll(results, reply);
            }
            DotStuffingEncoder stuffing = new DotStuffingEncoder();
            return message.content()
                    .onItem().transformToUniAndConcatenate(chunk -> c.write(stuffing.encode(chunk))
                            .ifNoItem().after(timeouts.dataBlock()).failWith(() -> new SmtpClientConnection.ConnectionLost(
                                    "the server stopped reading the data")))
                    .collect().last()
                    .flatMap(v -> c.write(stuffing.finish()))
                    .flatMap(v -> c.reply(timeouts.finalReply()))
                    .flatMap(finalReply -> settleAll(results, finalReply));
        });
    }

    /** Gives every recipient without a result this reply's outcome. */
    private static Uni<Void> settleAll(List<RecipientResult> results, RemoteReply reply) {
        return settleOpen(results, RecipientResult.of(reply));
    }

    private static Uni<Void> refuseAll(List<RecipientResult> results, String reason) {
        return settleOpen(results, RecipientResult.bounced(reason));
    }

    private static Uni<Void> deferAll(List<RecipientResult> results, String reason) {
        return settleOpen(results, RecipientResult.deferred(reason));
    }

    /** Gives every recipient without a result {@code result}. */
    private static Uni<Void> settleOpen(List<RecipientResult> results, RecipientResult result) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                results.set(i, result);
            }
        }
        return Uni.createFrom().voidItem();
    }
}
