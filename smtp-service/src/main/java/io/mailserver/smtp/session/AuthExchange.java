package io.mailserver.smtp.session;

/**
 * What the next line of an AUTH exchange (RFC 4954 §4) answers: each step is the server's last
 * {@code 334} challenge. The password is never held here: it is checked as soon as it arrives.
 */
public sealed interface AuthExchange {

    /** The mechanism name, as the AUTH command named it. */
    String mechanism();

    /** PLAIN (RFC 4616) after an empty challenge: the whole message comes next. */
    enum Plain implements AuthExchange {
        INSTANCE;

        @Override
        public String mechanism() {
            return "PLAIN";
        }
    }

    /** LOGIN after "Username:". */
    enum LoginUser implements AuthExchange {
        INSTANCE;

        @Override
        public String mechanism() {
            return "LOGIN";
        }
    }

    /** LOGIN after "Password:", the user name already given. */
    record LoginPassword(String user) implements AuthExchange {
        @Override
        public String mechanism() {
            return "LOGIN";
        }
    }
}
