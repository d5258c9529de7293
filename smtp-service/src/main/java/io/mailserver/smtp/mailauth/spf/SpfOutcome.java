package io.mailserver.smtp.mailauth.spf;

/**
 * One SPF evaluation as the receiver reports it.
 *
 * @param result the check_host() result
 * @param identity which identity was checked: the MAIL FROM, or the HELO name for a null reverse path
 * @param domain the domain whose policy was evaluated (the MAIL FROM domain or the HELO name, lower case)
 * @param sender the checked identity in full: {@code local@domain} for MAIL FROM, the HELO name otherwise
 * @param reason a short human-readable cause, free of message content (for the AR comment and logs)
 */
public record SpfOutcome(SpfResult result, Identity identity, String domain, String sender, String reason) {

    /** The identity SPF authorized, with its RFC 8601 property name. */
    public enum Identity {
        MAIL_FROM("smtp.mailfrom"), HELO("smtp.helo");

        private final String property;

        Identity(String property) {
            this.property = property;
        }

        /** {@code smtp.mailfrom} or {@code smtp.helo}. */
        public String property() {
            return property;
        }
    }

    /** The property name for Authentication-Results: {@code smtp.mailfrom} or {@code smtp.helo}. */
    public String authResultsProperty() {
        return identity.property();
    }

    /** The property value for Authentication-Results; the header writer quotes it where RFC 8601 needs. */
    public String authResultsValue() {
        return sender;
    }
}
