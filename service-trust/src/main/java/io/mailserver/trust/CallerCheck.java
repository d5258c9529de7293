package io.mailserver.trust;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.logging.Logger;

/**
 * Every call into this service passes here first. It fails closed: a call that did not come over
 * TLS with a client certificate the server verified (against the deployment CA, see
 * {@link ClientCaTrust}) is refused UNAUTHENTICATED, whatever the server's TLS settings are; a
 * caller outside its {@link CallerAllowance} is refused PERMISSION_DENIED.
 */
@ApplicationScoped
@GlobalInterceptor
@Priority(1000)
public class CallerCheck implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(CallerCheck.class);
    /** The session value holding the caller's name. */
    static final String CALLER = "io.mailserver.trust.caller";

    private final CallerAllowance allowance;
    private final Counter unauthenticated;
    private final Counter denied;

    public CallerCheck(InternalTlsConfig config, MeterRegistry registry) {
        this.allowance = new CallerAllowance(config.allow());
        this.unauthenticated = Counter.builder("grpc_server_calls_refused")
                .description("Calls from other services refused before they ran, by reason")
                .tag("reason", "unauthenticated").register(registry);
        this.denied = Counter.builder("grpc_server_calls_refused")
                .description("Calls from other services refused before they ran, by reason")
                .tag("reason", "permission_denied").register(registry);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<String> caller = callerName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (caller.isEmpty()) {
            unauthenticated.increment();
            LOG.warnf("refused %s from %s: no verified client certificate", method,
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a client certificate of this deployment is required"));
        }
        if (!allowance.allows(caller.get(), method)) {
            denied.increment();
            LOG.warnf("refused %s from caller %s: not in its allowance (mail.internal-tls.allow)", method, caller.get());
            return refuse(call, Status.PERMISSION_DENIED.withDescription("caller may not call " + method));
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /**
     * The subject CN of the verified client certificate, if the call came with one. Kept in the TLS
     * session once known: the peer's certificate cannot change within a session, and reading the
     * name out of it (the subject as an RFC 2253 string, parsed again) was about 2% of
     * storage-service's CPU under imaptest, on every call of every connection.
     */
    static Optional<String> callerName(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        if (session.getValue(CALLER) instanceof String known) {
            return Optional.of(known);
        }
        Optional<String> name = certificateName(session);
        name.ifPresent(found -> session.putValue(CALLER, found));
        return name;
    }

    private static Optional<String> certificateName(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            return commonName(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn && !cn.isBlank()) {
                    return Optional.of(cn);
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
