package io.mailserver.smtp.mailauth.dmarc;

/**
 * One DKIM signature that verified, by its {@code d=} domain: all DMARC needs from the DKIM verifier,
 * kept here so the two evolve independently.
 */
public record DkimPass(String domain) {
}
