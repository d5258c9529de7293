package io.mailserver.smtp.outbound.tls;

/** What a message's sender asked of TLS for its way on (RFC 8689), queued with it. */
public enum TlsRequirement {
    /** Our rules: opportunistic STARTTLS, MTA-STS where the recipient domain publishes a policy. */
    DEFAULT,
    /**
     * {@code MAIL FROM:<...> REQUIRETLS}: only to a next hop whose name is authenticated (an MTA-STS
     * policy, or a route the operator configured), over TLS with a verified certificate, and that
     * offers REQUIRETLS itself to take the requirement on; a message that cannot go so bounces.
     */
    REQUIRED,
    /** {@code TLS-Required: No} in the header (RFC 8689 §5): the recipient domain's MTA-STS policy is ignored. */
    OPTIONAL
}
