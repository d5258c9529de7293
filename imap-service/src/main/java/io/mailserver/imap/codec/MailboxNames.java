package io.mailserver.imap.codec;

import java.text.Normalizer;

/**
 * How a session's mailbox names travel. IMAP4rev1 sends them in modified UTF-7 (RFC 3501 §5.1.3);
 * after {@code ENABLE UTF8=ACCEPT} (RFC 9755, formerly RFC 6855, §3) they are UTF-8 both ways and
 * "&amp;" is just a character. Storage keeps names as UTF-8 either way, so two sessions in different
 * modes see one mailbox under its two spellings.
 */
public enum MailboxNames {

    MODIFIED_UTF7,
    UTF8;

    /**
     * A name (or LIST pattern) as the client sent it, as storage keeps it: in Unicode NFC, so that a
     * denormalized spelling reaches the mailbox its normalized one names, in every command
     * (RFC 9051 §5.1 lets a server normalize, if it then does so everywhere).
     */
    public String decode(String wire) throws SyntaxError {
        String name;
        if (this == MODIFIED_UTF7) {
            name = ModifiedUtf7.decode(wire);
        } else if (wire.indexOf('\uFFFD') >= 0) {
            // the lexer decoded the octets as UTF-8; what was not UTF-8 came out as U+FFFD
            throw new SyntaxError("Mailbox name is not valid UTF-8");
        } else {
            name = wire;
        }
        return Normalizer.isNormalized(name, Normalizer.Form.NFC) ? name : Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /**
     * A name for a mailbox about to be made: in its one canonical spelling (so no two spellings name
     * one mailbox), without LIST wildcards (it could never be listed back exactly) and without
     * control characters or line separators (RFC 9755 §3; they would reach every client's screen).
     */
    public String decodeNew(String wire) throws SyntaxError {
        if (this == MODIFIED_UTF7 && !ModifiedUtf7.isCanonical(wire)) {
            throw new SyntaxError("Mailbox name is not valid modified UTF-7");
        }
        if (wire.indexOf('*') >= 0 || wire.indexOf('%') >= 0) {
            throw new SyntaxError("Mailbox name may not contain * or %");
        }
        String name = decode(wire);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new SyntaxError("Mailbox name may not contain control characters");
            }
        }
        return name;
    }

    /** The name as it goes to the client. */
    public String encode(String name) {
        return this == MODIFIED_UTF7 ? ModifiedUtf7.encode(name) : name;
    }
}
