package io.mailserver.imap.session;

import io.mailserver.protocol.tls.CleartextAuth;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server advertises (RFC 9051 §7.2.2), which depends on the session: STARTTLS only on a
 * plaintext connection of a server that has a certificate, authentication mechanisms only before
 * authentication, LOGINDISABLED when cleartext logins are not allowed on this connection (by
 * default: whenever it has no TLS yet).
 *
 * <p>Both IMAP4rev1 and IMAP4rev2 are advertised (RFC 9051 Appendix E): a session answers in
 * IMAP4rev1's forms until the client sends {@code ENABLE IMAP4rev2}.
 */
@jakarta.inject.Singleton
public class ServerCapabilities {

    private static final List<String> ALWAYS = List.of("IMAP4rev1", "IMAP4rev2", "LITERAL+", "SASL-IR", "UNSELECT", "CHILDREN",
            "ENABLE", "ID", "NAMESPACE", "SPECIAL-USE", "CREATE-SPECIAL-USE", "MOVE", "UIDPLUS", "IDLE",
            "CONDSTORE", "QRESYNC", "ESEARCH", "SEARCHRES", "MULTIAPPEND", "LIST-EXTENDED", "LIST-STATUS",
            "OBJECTID", "QUOTA", "QUOTA=RES-STORAGE", "QUOTA=RES-MESSAGE",
            "SORT", "SORT=DISPLAY", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES", "COMPRESS=DEFLATE",
            "PREVIEW", "BINARY", "UTF8=ACCEPT");

    /** RFC 7162 CONDSTORE, once on, adds mod-sequences to every FETCH of flags and to SELECT. */
    public static final String CONDSTORE = "CONDSTORE";

    /** RFC 7162 QRESYNC: VANISHED instead of EXPUNGE, SELECT's QRESYNC parameter; implies CONDSTORE. */
    public static final String QRESYNC = "QRESYNC";

    /** RFC 9755 (formerly 6855): mailbox names in UTF-8 both ways, APPEND's UTF8 data, no SEARCH CHARSET. */
    public static final String UTF8_ACCEPT = "UTF8=ACCEPT";

    /**
     * RFC 9051 once enabled: UTF-8 mailbox names, no \Recent (nothing claimed, no RECENT responses,
     * no [UNSEEN] on SELECT), ESEARCH answers to SEARCH, a LIST response in SELECT's answer.
     */
    public static final String IMAP4REV2 = "IMAP4rev2";

    /** What ENABLE can turn on (RFC 5161). */
    private static final java.util.Set<String> ENABLEABLE = java.util.Set.of(CONDSTORE, QRESYNC, UTF8_ACCEPT,
            IMAP4REV2);

    private final boolean tlsAvailable;
    private final CleartextAuth cleartextAuth;
    private final long appendLimit;

    @jakarta.inject.Inject
    public ServerCapabilities(io.mailserver.imap.config.ImapConfig config) {
        this(config.tls().certificate().isPresent() && config.tls().privateKey().isPresent(),
                config.imap().cleartextAuth(), config.imap().limits().appendSize());
    }

    public ServerCapabilities(boolean tlsAvailable, CleartextAuth cleartextAuth, long appendLimit) {
        this.tlsAvailable = tlsAvailable;
        this.cleartextAuth = cleartextAuth;
        this.appendLimit = appendLimit;
    }

    public List<String> of(ImapSession session) {
        List<String> capabilities = new ArrayList<>(ALWAYS);
        capabilities.add("APPENDLIMIT=" + appendLimit);
        if (session.state() instanceof SessionState.NotAuthenticated) {
            boolean tls = session.channel().tls();
            if (tlsAvailable && !tls) {
                capabilities.add("STARTTLS");
            }
            if (loginAllowed(session)) {
                capabilities.add("AUTH=PLAIN");
            } else {
                capabilities.add("LOGINDISABLED");
            }
        }
        return capabilities;
    }

    /** Whether LOGIN and AUTHENTICATE may be used on this connection now. */
    public boolean loginAllowed(ImapSession session) {
        return cleartextAuth.allows(session.channel().tls(), session.channel().remoteAddress());
    }

    /** The capability as this server spells it if ENABLE can turn it on (names match in any case), else null. */
    public String enableable(String capability) {
        for (String known : ENABLEABLE) {
            if (known.equalsIgnoreCase(capability)) {
                return known;
            }
        }
        return null;
    }

    /** The largest message APPEND takes (RFC 7889 APPENDLIMIT). */
    public long appendLimit() {
        return appendLimit;
    }

    public boolean tlsAvailable() {
        return tlsAvailable;
    }
}
