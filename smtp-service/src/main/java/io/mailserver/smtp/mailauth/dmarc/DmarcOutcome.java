package io.mailserver.smtp.mailauth.dmarc;

/**
 * One DMARC evaluation.
 *
 * @param result the Authentication-Results {@code dmarc=} result
 * @param policy the policy the Domain Owner requested for this message (p, sp or np); NONE without a record
 * @param disposition what to do with the message: {@code policy} after pct sampling, NONE when it passed
 * @param headerFrom the author domain for {@code header.from}, or {@code null} when there was none
 * @param policyDomain where the record was found, or {@code null}
 * @param reason a short cause, free of message content
 */
public record DmarcOutcome(DmarcResult result, Policy policy, Policy disposition, String headerFrom, String policyDomain,
        String reason) {
}
