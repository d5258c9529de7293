package io.mailserver.imap;

import io.mailserver.imap.config.ImapConfig;
import io.mailserver.imap.handler.CommandDispatcher;
import io.mailserver.imap.metrics.ImapMetrics;
import io.mailserver.imap.session.ConnectionSettings;
import io.mailserver.imap.session.ImapConnection;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.protocol.net.ConnectionsPerAddress;
import io.mailserver.protocol.session.AccountSessions;
import io.mailserver.protocol.tls.ServerTls;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Binds the IMAP listeners (plain with STARTTLS on {@code mail.imap.port}, implicit TLS on
 * {@code mail.imap.tls-port} when a certificate is configured) and hands every accepted socket to an
 * {@link ImapConnection} on the socket's event loop. Nothing else happens here.
 */
@ApplicationScoped
public class ImapServer {

    private static final Logger LOG = Logger.getLogger(ImapServer.class);

    private final Vertx vertx;
    private final ImapConfig config;
    private final ConnectionSettings settings;
    private final List<NetServer> servers = new ArrayList<>();

    public ImapServer(Vertx vertx, ImapConfig config, CommandDispatcher dispatcher, ServerCapabilities capabilities,
            ImapMetrics metrics, AccountSessions sessions) {
        this.vertx = vertx;
        this.config = config;
        ImapConfig.Imap imap = config.imap();
        this.settings = new ConnectionSettings(config.hostname(), imap.limits(), imap.timeouts(), capabilities,
                new ConnectionsPerAddress(imap.limits().connectionsPerAddress()), dispatcher, metrics, sessions);
    }

    void start(@Observes StartupEvent event) {
        ImapConfig.Imap imap = config.imap();
        Optional<ServerTls> tls = ServerTls.fromConfig(config.tls().certificate(), config.tls().privateKey());
        int instances = imap.instances() > 0 ? imap.instances() : Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < instances; i++) {
            NetServerOptions plain = new NetServerOptions().setTcpNoDelay(true);
            tls.ifPresent(t -> t.applyTo(plain, false));
            listen(plain, imap.port());
        }
        if (tls.isPresent()) {
            for (int i = 0; i < instances; i++) {
                listen(tls.get().applyTo(new NetServerOptions().setTcpNoDelay(true), true), imap.tlsPort());
            }
        }
        LOG.infof("IMAP listening on %s:%d%s", imap.host(), imap.port(),
                tls.isPresent() ? " (STARTTLS) and " + imap.host() + ":" + imap.tlsPort() + " (TLS)" : " (no TLS configured)");
    }

    private void listen(NetServerOptions options, int port) {
        NetServer server = vertx.createNetServer(options);
        server.connectHandler(socket -> new ImapConnection(socket, Vertx.currentContext(), settings).start());
        server.listen(port, config.imap().host()).toCompletionStage().toCompletableFuture().join();
        servers.add(server);
    }

    void stop(@Observes ShutdownEvent event) {
        for (NetServer server : servers) {
            server.close();
        }
        servers.clear();
    }
}
