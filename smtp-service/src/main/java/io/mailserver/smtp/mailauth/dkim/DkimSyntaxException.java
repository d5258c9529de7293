package io.mailserver.smtp.mailauth.dkim;

/**
 * A signature or key record that breaks RFC 6376's grammar or rules. Checked so that every parse of
 * remote input has to decide, at compile time, to turn it into a permerror result.
 */
final class DkimSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    DkimSyntaxException(String reason) {
        super(reason, null, false, false);
    }
}
