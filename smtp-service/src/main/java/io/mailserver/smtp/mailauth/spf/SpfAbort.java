package io.mailserver.smtp.mailauth.spf;

/**
 * Ends a whole check_host() evaluation, includes and redirects included, with a temperror or permerror:
 * RFC 7208 says these terminate immediately, wherever in the tree they occur.
 */
final class SpfAbort extends Exception {

    private final SpfResult result;

    SpfAbort(SpfResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    SpfResult result() {
        return result;
    }
}
