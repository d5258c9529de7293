package io.mailserver.smtp.mailauth.dkim;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * What a signer needs: the d= domain and s= selector under which the public key is published, and the
 * private key. Checked on construction so a misconfigured key fails at startup, not on the first message.
 *
 * @param domain the signing domain (d=), in ASCII (A-label) form
 * @param selector the selector (s=)
 */
public record DkimSigningKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey) {

    public DkimSigningKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!DkimSignature.isDomainName(domain)) {
            throw new IllegalArgumentException("not a DKIM domain name: " + domain);
        }
        if (!DkimSignature.isDomainName(selector)) {
            throw new IllegalArgumentException("not a DKIM selector: " + selector);
        }
        if (!DkimKeys.fits(algorithm, privateKey)) {
            throw new IllegalArgumentException(algorithm.tag() + " cannot sign with a " + privateKey.getAlgorithm() + " key");
        }
        if (algorithm == DkimAlgorithm.RSA_SHA256 && DkimKeys.rsaBits(privateKey) < DkimKeys.MIN_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys under " + DkimKeys.MIN_RSA_BITS + " bits are refused by verifiers");
        }
    }
}
