package io.mailserver.imap.session;

import io.mailserver.imap.client.AccountIdentity;
import io.mailserver.imap.codec.MailboxNames;
import io.mailserver.imap.reply.Response;
import io.mailserver.imap.reply.ResponseEncoder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One client's session: its state (RFC 9051 §3) and the channel to the client. Confined to the
 * connection's Vert.x context: handlers bring every peer result back there
 * ({@link #onContext(Uni)}) before they read or change anything here.
 */
public final class ImapSession {

    private final ClientChannel channel;
    private SessionState state = new SessionState.NotAuthenticated();
    /** MODSEQs of flag changes this session made and already reported, so a poll does not repeat them. */
    private final Map<Integer, Long> ownChanges = new HashMap<>();
    /** Extensions the client turned on with ENABLE (RFC 5161), in upper case. */
    private final Set<String> enabled = new HashSet<>();
    private long lastChangesCheck = System.nanoTime();

    public ImapSession(ClientChannel channel) {
        this.channel = channel;
    }

    public SessionState state() {
        return state;
    }

    public void state(SessionState next) {
        boolean wasAuthenticated = !(state instanceof SessionState.NotAuthenticated);
        this.state = next;
        ownChanges.clear();
        if (!wasAuthenticated && (next instanceof SessionState.Authenticated)) {
            channel.authenticated();
        }
    }

    /** The selected state, or null. */
    public SessionState.Selected selected() {
        return state instanceof SessionState.Selected s ? s : null;
    }

    /** The authenticated account, or null before authentication. */
    public AccountIdentity account() {
        if (state instanceof SessionState.Authenticated a) {
            return a.account();
        }
        if (state instanceof SessionState.Selected s) {
            return s.account();
        }
        return null;
    }

    /** Replaces the selected mailbox's data (new numbering, new MODSEQ). */
    public void selectedMailbox(SelectedMailbox mailbox) {
        SessionState.Selected s = selected();
        if (s == null) {
            throw new IllegalStateException("no mailbox selected");
        }
        this.state = s.with(mailbox);
    }

    public void send(Response response) {
        channel.write(ResponseEncoder.encode(response, mailboxNames()));
    }

    public void write(Buffer data) {
        channel.write(data);
    }

    public ClientChannel channel() {
        return channel;
    }

    public Executor executor() {
        return channel.executor();
    }

    /** {@code uni} with its result delivered on this session's context. */
    public <T> Uni<T> onContext(Uni<T> uni) {
        return uni.emitOn(channel.executor());
    }

    /** Turns on an extension for the rest of the session; true when it was not on yet. */
    public boolean enable(String capability) {
        return enabled.add(capability);
    }

    public boolean enabled(String capability) {
        return enabled.contains(capability);
    }

    /** Whether the client enabled IMAP4rev2, so answers take RFC 9051's forms rather than RFC 3501's. */
    public boolean rev2() {
        return enabled.contains(ServerCapabilities.IMAP4REV2);
    }

    /** How mailbox names are spelled in this session's commands and responses (UTF-8 in rev2, RFC 9051 §5.1). */
    public MailboxNames mailboxNames() {
        return enabled.contains(ServerCapabilities.UTF8_ACCEPT) || rev2() ? MailboxNames.UTF8
                : MailboxNames.MODIFIED_UTF7;
    }

    /** When this session last asked storage for changes ({@link System#nanoTime()}); set on SELECT too. */
    public long lastChangesCheck() {
        return lastChangesCheck;
    }

    public void lastChangesCheck(long nanoTime) {
        lastChangesCheck = nanoTime;
    }

    public void noteOwnChange(int uid, long modseq) {
        ownChanges.merge(uid, modseq, Math::max);
    }

    /** True when the session itself made and reported the change of {@code uid} up to {@code modseq}. */
    public boolean isOwnChange(int uid, long modseq) {
        Long own = ownChanges.get(uid);
        return own != null && own >= modseq;
    }

    public void forgetOwnChanges() {
        ownChanges.clear();
    }
}
