package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.DnsAnswer;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A public key from its {@code <s>._domainkey.<d>} record (RFC 6376 §3.6.2), fit for the algorithm a
 * signature names, and the signature check with it. DKIM-Signature and both ARC signatures use it.
 *
 * @param testing t=y: a failure counts as no signature
 * @param strict  t=s: i= must be in d= exactly
 */
record VerificationKey(PublicKey publicKey, boolean testing, boolean strict) {

    sealed interface Found {
    }

    record Usable(VerificationKey key) implements Found {
    }

    /** @param temporary a DNS failure a later try may not have */
    record Unusable(boolean temporary, String reason) implements Found {
    }

    static Found find(DnsTxtResolver resolver, String domain, String selector, DkimAlgorithm algorithm) {
        String name = selector + "._domainkey." + domain;
        DnsAnswer<String> answer = resolver.txt(name);
        DkimKeyRecord key;
        if (answer instanceof DnsAnswer.Failure<String> failure) {
            return new Unusable(true, "key lookup failed: " + failure.reason());
        } else if (answer instanceof DnsAnswer.Records<String> records && !records.values().isEmpty()) {
            try {
                // several records at one name is a publishing error; the first is what other verifiers use
                key = DkimKeyRecord.parse(records.values().get(0));
            } catch (DkimSyntaxException e) {
                return new Unusable(false, e.getMessage());
            }
        } else {
            return new Unusable(false, "no key record at " + name);
        }
        if (key.revoked()) {
            return new Unusable(false, "key revoked");
        }
        if (!key.keyType().equals(algorithm.keyType())) {
            return new Unusable(false, "key type " + key.keyType() + " does not fit " + algorithm.tag());
        }
        PublicKey publicKey;
        try {
            publicKey = DkimKeys.publicKey(algorithm, key.publicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Unusable(false, "unusable public key");
        }
        if (algorithm == DkimAlgorithm.RSA_SHA256 && DkimKeys.rsaBits(publicKey) < DkimKeys.MIN_RSA_BITS) {
            return new Unusable(false, "RSA key shorter than " + DkimKeys.MIN_RSA_BITS + " bits");
        }
        return new Usable(new VerificationKey(publicKey, key.testing(), key.strict()));
    }

    /** Whether {@code signature} signs {@code signed} under this key. */
    boolean verifies(DkimAlgorithm algorithm, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(DkimKeys.jdkSignatureName(algorithm));
            verifier.initVerify(publicKey);
            // RFC 8463: Ed25519 signs the SHA-256 of the input, not the input
            verifier.update(algorithm == DkimAlgorithm.ED25519_SHA256 ? BodyHash.sha256().digest(signed) : signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a malformed signature value (wrong length, bad encoding) is a signature that does not verify
            return false;
        }
    }
}
