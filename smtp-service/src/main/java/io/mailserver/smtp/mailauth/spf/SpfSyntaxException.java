package io.mailserver.smtp.mailauth.spf;

/** A record or macro that RFC 7208's grammar does not allow: always a permerror, never thrown out of the package. */
final class SpfSyntaxException extends Exception {

    SpfSyntaxException(String message) {
        super(message, null, false, false);
    }
}
