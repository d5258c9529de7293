package io.mailserver.pop3;

import io.mailserver.pop3.config.MailConfig;
import io.mailserver.pop3.config.TlsMaterial;
import io.mailserver.pop3.handler.CommandDispatcher;
import io.mailserver.pop3.metrics.Pop3Metrics;
import io.mailserver.protocol.session.AccountSessions;
import io.mailserver.protocol.net.ConnectionsPerAddress;
import io.mailserver.protocol.tls.ServerTls;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Binds the POP3 listeners (plain with STLS, and implicit TLS when key material is configured) and
 * hands each accepted connection to a {@link Pop3Connection}.
 */
@ApplicationScoped
public class Pop3Server {

    private static final Logger LOG = Logger.getLogger(Pop3Server.class);

    private final Vertx vertx;
    private final MailConfig config;
    private final TlsMaterial tls;
    private final CommandDispatcher dispatcher;
    private final Pop3Metrics metrics;
    private final AccountSessions sessions;
    private final List<NetServer> servers = new ArrayList<>();
    private ConnectionsPerAddress perAddress;

    public Pop3Server(Vertx vertx, MailConfig config, TlsMaterial tls, CommandDispatcher dispatcher, Pop3Metrics metrics,
            AccountSessions sessions) {
        this.sessions = sessions;
        this.vertx = vertx;
        this.config = config;
        this.tls = tls;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        perAddress = new ConnectionsPerAddress(config.pop3().limits().connectionsPerAddress());
        Optional<ServerTls> material = tls.serverTls();
        NetServerOptions plain = options(config.pop3().port());
        material.ifPresent(m -> m.applyTo(plain, false));
        bind(plain, false);
        if (material.isPresent()) {
            bind(material.get().applyTo(options(config.pop3().tlsPort()), true), true);
        } else {
            LOG.info("No TLS material configured (mail.tls.*): no STLS and no implicit-TLS POP3 listener");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (NetServer server : servers) {
            server.close();
        }
        servers.clear();
    }

    private NetServerOptions options(int port) {
        return new NetServerOptions()
                .setHost(config.pop3().host())
                .setPort(port);
    }

    private void bind(NetServerOptions options, boolean implicitTls) {
        int instances = config.pop3().instances() > 0 ? config.pop3().instances()
                : Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < instances; i++) {
            NetServer server = vertx.createNetServer(options);
            server.connectHandler(socket -> accept(socket, implicitTls));
            try {
                server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding POP3 port " + options.getPort(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot bind POP3 port " + options.getHost() + ":" + options.getPort(), e);
            }
            servers.add(server);
        }
        LOG.infof("POP3%s listening on %s:%d", implicitTls ? "S" : "", options.getHost(), options.getPort());
    }

    private void accept(NetSocket socket, boolean implicitTls) {
        String address = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        if (!perAddress.tryAcquire(address)) {
            metrics.connectionRefused();
            socket.write(Buffer.buffer("-ERR [SYS/TEMP] Too many connections from your address\r\n"))
                    .onComplete(done -> socket.close());
            return;
        }
        metrics.connectionOpened(implicitTls);
        new Pop3Connection(socket, vertx.getOrCreateContext(), dispatcher, config, sessions, () -> {
            perAddress.release(address);
            metrics.connectionClosed();
        }).start();
    }
}
