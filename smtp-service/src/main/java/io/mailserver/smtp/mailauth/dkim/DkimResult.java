package io.mailserver.smtp.mailauth.dkim;

/**
 * The outcome of one DKIM-Signature field, with the RFC 8601 result keyword and the properties an
 * Authentication-Results {@code dkim=} entry reports. A message without signatures has no results, which
 * Authentication-Results reports as {@code dkim=none}.
 */
public sealed interface DkimResult {

    /** Which signature this is about; empty strings where the field was too broken to say. */
    Signature signature();

    /** The RFC 8601 {@code dkim=} result keyword. */
    String keyword();

    /**
     * @param domain d=, for {@code header.d}
     * @param selector s=, for {@code header.s}
     * @param identity i= (or its default {@code @d}), for {@code header.i}
     * @param signaturePrefix the first 8 characters of b=, for {@code header.b} (RFC 6008), telling apart
     *     two signatures by the same domain and selector
     */
    record Signature(String domain, String selector, String identity, String signaturePrefix) {

        public static final Signature UNKNOWN = new Signature("", "", "", "");
    }

    record Pass(Signature signature) implements DkimResult {
        @Override
        public String keyword() {
            return "pass";
        }
    }

    /** The signature was checked and does not match the message: altered in transit, or forged. */
    record Fail(Signature signature, String reason) implements DkimResult {

        public static final String BODY_HASH_MISMATCH = "body hash did not verify";
        public static final String SIGNATURE_MISMATCH = "signature did not verify";

        @Override
        public String keyword() {
            return "fail";
        }
    }

    /**
     * The signature could not count either way; here: a failing signature whose key is in testing mode
     * (t=y), which RFC 6376 §3.6.1 says must be treated like no signature at all.
     */
    record Neutral(Signature signature, String reason) implements DkimResult {
        @Override
        public String keyword() {
            return "neutral";
        }
    }

    /**
     * The message is signed but this receiver did not accept checking it (RFC 8601 §2.7.1
     * {@code policy}): here, a message larger than the verifier is allowed to copy.
     */
    record Policy(Signature signature, String reason) implements DkimResult {
        @Override
        public String keyword() {
            return "policy";
        }
    }

    /** The key could not be fetched for now (a DNS timeout or SERVFAIL); a later retry may succeed. */
    record TempError(Signature signature, String reason) implements DkimResult {
        @Override
        public String keyword() {
            return "temperror";
        }
    }

    /** The signature or its key record is unusable and always will be: syntax, missing key, policy rules. */
    record PermError(Signature signature, String reason) implements DkimResult {
        @Override
        public String keyword() {
            return "permerror";
        }
    }
}
