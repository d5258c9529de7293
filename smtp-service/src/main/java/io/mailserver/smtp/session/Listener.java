package io.mailserver.smtp.session;

/** The listener a connection came in on; it decides what a relay attempt is answered with. */
public enum Listener {
    /** Port 25: mail from other servers, for local recipients only. */
    MX("mx"),
    /** Port 587: submission with STARTTLS (RFC 6409). Relaying will need AUTH. */
    SUBMISSION("submission"),
    /** Port 465: submission over implicit TLS (RFC 8314). Relaying will need AUTH. */
    SUBMISSIONS("submissions");

    private final String tag;

    Listener(String tag) {
        this.tag = tag;
    }

    /** Name used in metrics and logs. */
    public String tag() {
        return tag;
    }

    public boolean isSubmission() {
        return this != MX;
    }
}
