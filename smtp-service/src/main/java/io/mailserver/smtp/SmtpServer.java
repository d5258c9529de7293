package io.mailserver.smtp;

import io.mailserver.protocol.net.ConnectionsPerAddress;
import io.mailserver.protocol.tls.ServerTls;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.policy.ClientBudgets;
import io.mailserver.smtp.handler.CommandDispatcher;
import io.mailserver.smtp.metrics.SmtpMetrics;
import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.reply.SmtpReplyEncoder;
import io.mailserver.smtp.session.ConnectionInfo;
import io.mailserver.smtp.session.Listener;
import io.mailserver.smtp.session.MessageMemory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Binds the SMTP listeners and wires each accepted socket to an {@link SmtpConnection}: MX
 * ({@code mail.smtp.mx.port}), submission with STARTTLS ({@code mail.smtp.submission.port}) and,
 * when a certificate is configured, submission over implicit TLS ({@code mail.smtp.submissions.port}).
 *
 * <p>Each listener is bound once per CPU core; Vert.x spreads the connections of one port over the
 * event loops of those servers.
 */
@ApplicationScoped
public class SmtpServer {

    private static final Logger LOG = Logger.getLogger(SmtpServer.class);

    private final Vertx vertx;
    private final MailConfig config;
    private final CommandDispatcher dispatcher;
    private final SmtpMetrics metrics;
    private final ClientBudgets budgets;
    private final List<NetServer> servers = new ArrayList<>();
    private ConnectionsPerAddress connectionsPerAddress;
    private SmtpConnection.Limits limits;
    private MessageMemory messageMemory;

    public SmtpServer(Vertx vertx, MailConfig config, CommandDispatcher dispatcher, SmtpMetrics metrics, ClientBudgets budgets) {
        this.budgets = budgets;
        this.vertx = vertx;
        this.config = config;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) throws Exception {
        MailConfig.Smtp smtp = config.smtp();
        MailConfig.Limits configured = smtp.limits();
        if (configured.messageMemory() < configured.messageSize()) {
            // Otherwise a message of the advertised SIZE could never be accepted.
            throw new IllegalStateException("mail.smtp.limits.message-memory (" + configured.messageMemory()
                    + ") must be at least mail.smtp.limits.message-size (" + configured.messageSize() + ")");
        }
        messageMemory = new MessageMemory(configured.messageMemory());
        metrics.messageMemory(messageMemory);
        connectionsPerAddress = new ConnectionsPerAddress(configured.connectionsPerAddress());
        limits = new SmtpConnection.Limits(config.hostname(), configured.lineLength(), configured.messageSize(),
                smtp.bareLineEndings(), configured.errors(), smtp.timeouts().idle().toMillis(),
                smtp.mx().greetingDelay().toMillis());
        Optional<ServerTls> tls = serverTls();
        bind(Listener.MX, smtp.mx().port(), tls, false);
        bind(Listener.SUBMISSION, smtp.submission().port(), tls, false);
        if (tls.isPresent()) {
            bind(Listener.SUBMISSIONS, smtp.submissions().port(), tls, true);
        } else {
            LOG.warn("no TLS certificate configured (mail.tls.certificate, mail.tls.private-key): "
                    + "no STARTTLS and no implicit-TLS submission listener");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (NetServer server : servers) {
            server.close();
        }
        servers.clear();
    }

    private Optional<ServerTls> serverTls() {
        return ServerTls.fromConfig(config.tls().certificate(), config.tls().privateKey());
    }

    private void bind(Listener listener, int port, Optional<ServerTls> tls, boolean implicitTls) throws Exception {
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Future<NetServer>> bound = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            NetServerOptions options = new NetServerOptions()
                    .setHost(config.smtp().host())
                    .setPort(port)
                    .setTcpNoDelay(true);
            tls.ifPresent(t -> t.applyTo(options, implicitTls));
            NetServer server = vertx.createNetServer(options)
                    .connectHandler(socket -> accept(listener, socket, tls.isPresent(), implicitTls));
            servers.add(server);
            bound.add(server.listen());
        }
        for (Future<NetServer> future : bound) {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        LOG.infof("SMTP %s listening on %s:%d%s", listener.tag(), config.smtp().host(), port,
                implicitTls ? " (implicit TLS)" : tls.isPresent() ? " (STARTTLS)" : "");
    }

    private void accept(Listener listener, NetSocket socket, boolean tlsConfigured, boolean implicitTls) {
        String ip = socket.remoteAddress().hostAddress();
        if (budgets.errors().exhausted(ip)) {
            metrics.connectionRefused(listener);
            SmtpReply refused = SmtpReply.of(421, "4.7.0", config.hostname() + " Too many errors from your address lately, try again later");
            socket.write(SmtpReplyEncoder.encode(refused)).onComplete(v -> socket.close());
            return;
        }
        if (!connectionsPerAddress.tryAcquire(ip)) {
            metrics.connectionRefused(listener);
            SmtpReply busy = SmtpReply.of(421, "4.7.0", config.hostname() + " Too many connections from your address");
            socket.write(SmtpReplyEncoder.encode(busy)).onComplete(v -> socket.close());
            return;
        }
        metrics.connectionOpened(listener);
        ConnectionInfo info = new ConnectionInfo(listener, ip, ip, implicitTls, tlsConfigured);
        Context context = vertx.getOrCreateContext();
        new SmtpConnection(socket, context, info, dispatcher, metrics, limits, messageMemory, budgets.errors(), () -> {
            connectionsPerAddress.release(ip);
            metrics.connectionClosed();
        }).start();
    }
}
