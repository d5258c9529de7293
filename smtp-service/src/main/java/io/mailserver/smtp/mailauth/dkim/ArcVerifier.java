package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.DnsTxtResolver;
import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.MessageBody;
import io.mailserver.smtp.mailauth.RawMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the ARC chain of a message (RFC 8617 §5.2): the sets of ARC-Authentication-Results,
 * ARC-Message-Signature and ARC-Seal each intermediary added, numbered 1 to N with nothing missing or
 * doubled, the newest message signature verifying against the message as it arrived, and every seal
 * verifying over the sets up to its own. ARC is DKIM's signatures chained (same tag lists, keys and
 * canonicalizations), which is why it lives here. Bounded: {@value #MAX_VALIDATED} sets and
 * {@value #MAX_ARC_BYTES} octets of ARC fields at most (longer chains fail), one lookup per distinct
 * key, so at most 11 lookups and signature checks per message.
 */
public final class ArcVerifier {

    /** RFC 8617 §4.2.1: i= is 1 to 50. */
    static final int MAX_INSTANCES = 50;
    /**
     * Longer chains fail here without a lookup: each set costs a key lookup and its seal hashes all
     * sets below it, while real chains are a few forwarders long.
     */
    static final int MAX_VALIDATED = 10;
    /** All ARC fields together; more fails before any hashing. */
    static final int MAX_ARC_BYTES = 128 * 1024;

    static final String SEAL = "arc-seal";
    static final String SIGNATURE = "arc-message-signature";
    static final String RESULTS = "arc-authentication-results";

    private final DnsTxtResolver resolver;
    private final Clock clock;

    public ArcVerifier(DnsTxtResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The chain's state; never fails, whatever the fields hold. */
    public ArcResult verify(byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        return verify(parsed, MessageBody.of(message, parsed.bodyStart()));
    }

    /** As {@link #verify(byte[])}, for a parsed header section and a body that streams past. */
    public ArcResult verify(RawMessage header, MessageBody body) {
        try {
            return check(header, body);
        } catch (KeyUnavailable e) {
            return new ArcResult(ArcResult.Kind.FAIL, 0, "", e.getMessage(), Set.of(), true);
        } catch (DkimSyntaxException e) {
            return ArcResult.fail(0, e.getMessage());
        } catch (RuntimeException e) {
            // hostile input must yield a result, and a chain we cannot read is not a chain that passed
            return ArcResult.fail(0, "unverifiable ARC set: " + e.getClass().getSimpleName());
        }
    }

    private ArcResult check(RawMessage message, MessageBody body) throws DkimSyntaxException {
        Map<Integer, HeaderField> seals = new HashMap<>();
        Map<Integer, HeaderField> signatures = new HashMap<>();
        Map<Integer, HeaderField> results = new HashMap<>();
        Map<Integer, TagList> sealTags = new HashMap<>();
        int newest = 0;
        int bytes = 0;
        for (HeaderField field : message.headers()) {
            Map<Integer, HeaderField> set = field.is(SEAL) ? seals : field.is(SIGNATURE) ? signatures : field.is(RESULTS) ? results : null;
            if (set == null) {
                continue;
            }
            bytes += field.raw().length;
            if (bytes > MAX_ARC_BYTES) {
                return ArcResult.fail(0, "ARC fields larger than " + MAX_ARC_BYTES + " octets");
            }
            int instance;
            if (set == results) {
                instance = resultsInstance(field);
            } else {
                TagList tags = TagList.parse(new String(field.value(), StandardCharsets.ISO_8859_1));
                instance = instance(tags.require("i"));
                if (set == seals) {
                    sealTags.put(instance, tags);
                }
            }
            if (set.put(instance, field) != null) {
                return ArcResult.fail(0, "two " + field.name().toLowerCase(Locale.ROOT) + " fields with i=" + instance);
            }
            newest = Math.max(newest, instance);
        }
        if (newest == 0) {
            return ArcResult.NONE;
        }
        if (newest > MAX_VALIDATED) {
            return ArcResult.fail(newest, "more than " + MAX_VALIDATED + " ARC sets");
        }
        Map<String, VerificationKey.Found> keys = new HashMap<>();
        for (int i = 1; i <= newest; i++) {
            if (!seals.containsKey(i) || !signatures.containsKey(i) || !results.containsKey(i)) {
                return ArcResult.fail(newest, "ARC set " + i + " is incomplete");
            }
            String cv = TagList.withoutFws(sealTags.get(i).require("cv")).toLowerCase(Locale.ROOT);
            if (i == newest && cv.equals("fail")) {
                return ArcResult.fail(newest, "the last sealer found the chain broken (cv=fail)");
            }
            if (!cv.equals(i == 1 ? "none" : "pass")) {
                return ArcResult.fail(newest, "ARC-Seal i=" + i + " has cv=" + (cv.matches("[a-z]{1,8}") ? cv : "?"));
            }
        }
        String problem = messageSignatureProblem(message, body, signatures.get(newest), keys);
        if (problem != null) {
            return ArcResult.fail(newest, "ARC-Message-Signature i=" + newest + ": " + problem);
        }
        for (int i = newest; i >= 1; i--) {
            problem = sealProblem(sealTags.get(i), sealInput(1, i, seals, signatures, results), keys);
            if (problem != null) {
                return ArcResult.fail(newest, "ARC-Seal i=" + i + ": " + problem);
            }
        }
        String sealer = TagList.withoutFws(sealTags.get(newest).require("d")).toLowerCase(Locale.ROOT);
        return new ArcResult(ArcResult.Kind.PASS, newest, sealer, "", dmarcPasses(results.get(newest)));
    }

    /**
     * The From domains an ARC-Authentication-Results field reports {@code dmarc=pass} for, and no other
     * DMARC result: a field that says both for one domain vouches for nothing.
     */
    private static Set<String> dmarcPasses(HeaderField field) {
        Set<String> domains = new HashSet<>();
        ResultsEntries.dmarcByFrom(new String(field.value(), StandardCharsets.ISO_8859_1))
                .forEach((domain, pass) -> {
                    if (pass) {
                        domains.add(domain);
                    }
                });
        return domains;
    }

    /** A key that cannot be had now ends the validation as temporary; one that never can, as a problem. */
    private static String unusable(VerificationKey.Unusable unusable) {
        if (unusable.temporary()) {
            throw new KeyUnavailable(unusable.reason());
        }
        return unusable.reason();
    }

    private static final class KeyUnavailable extends RuntimeException {
        KeyUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The d= of the newest ARC-Seal, read without checking anything: which sealer a message claims, for
     * deciding how to treat it when the chain could not be validated in time.
     */
    public static Optional<String> newestSealer(RawMessage header) {
        int newest = 0;
        String sealer = null;
        for (HeaderField field : header.headers()) {
            if (!field.is(SEAL)) {
                continue;
            }
            try {
                TagList tags = TagList.parse(new String(field.value(), StandardCharsets.ISO_8859_1));
                int instance = instance(tags.require("i"));
                if (instance > newest) {
                    newest = instance;
                    sealer = TagList.withoutFws(tags.require("d")).toLowerCase(Locale.ROOT);
                }
            } catch (DkimSyntaxException | RuntimeException unreadable) {
                // a seal that cannot be read names no sealer
            }
        }
        return Optional.ofNullable(sealer);
    }

    /** One lookup per key a message names, however many sets name it. */
    private VerificationKey.Found key(Map<String, VerificationKey.Found> keys, String domain, String selector, DkimAlgorithm algorithm) {
        return keys.computeIfAbsent(selector + "._domainkey." + domain + "/" + algorithm.tag(),
                name -> VerificationKey.find(resolver, domain, selector, algorithm));
    }

    /** The newest ARC-Message-Signature, verified as a DKIM signature is; null when it holds. */
    private String messageSignatureProblem(RawMessage message, MessageBody content, HeaderField field,
            Map<String, VerificationKey.Found> keys) throws DkimSyntaxException {
        DkimSignature signature = DkimSignature.parseArcMessageSignature(
                TagList.parse(new String(field.value(), StandardCharsets.ISO_8859_1)), clock.instant());
        if (signature.bodyLength() >= 0) {
            // what follows l= is unsigned: a chain that vouches for part of a body vouches for nothing here
            return "l= in an ARC-Message-Signature";
        }
        VerificationKey.Found found = key(keys, signature.domain(), signature.selector(), signature.algorithm());
        if (found instanceof VerificationKey.Unusable unusable) {
            return unusable(unusable);
        }
        VerificationKey key = ((VerificationKey.Usable) found).key();
        BodyHash.Spec spec = new BodyHash.Spec(signature.bodyCanonicalization(), signature.bodyLength());
        BodyHash body = BodyHash.of(content, List.of(spec)).get(spec);
        if (signature.bodyLength() > body.canonicalLength() || !MessageDigest.isEqual(body.digest(), signature.bodyHash())) {
            return DkimResult.Fail.BODY_HASH_MISMATCH;
        }
        byte[] signed = HeaderHashInput.of(message, signature.signedHeaders(), signature.headerCanonicalization(),
                HeaderHashInput.withoutSignatureValue(field));
        return key.verifies(signature.algorithm(), signed, signature.signature()) ? null : DkimResult.Fail.SIGNATURE_MISMATCH;
    }

    /** One ARC-Seal over {@code signed}; null when it holds. */
    private String sealProblem(TagList tags, byte[] signed, Map<String, VerificationKey.Found> keys) throws DkimSyntaxException {
        if (tags.get("h").isPresent()) {
            return "h= in an ARC-Seal"; // RFC 8617 §4.1.3: a seal signs the ARC sets, nothing else
        }
        String a = TagList.withoutFws(tags.require("a"));
        DkimAlgorithm algorithm = DkimAlgorithm.ofTag(a).orElseThrow(() -> new DkimSyntaxException("unsupported algorithm"));
        String domain = TagList.withoutFws(tags.require("d")).toLowerCase(Locale.ROOT);
        String selector = TagList.withoutFws(tags.require("s")).toLowerCase(Locale.ROOT);
        if (!DkimSignature.isDomainName(domain) || !DkimSignature.isDomainName(selector)) {
            return "bad d= or s=";
        }
        byte[] signature;
        try {
            signature = java.util.Base64.getDecoder().decode(TagList.withoutFws(tags.require("b")));
        } catch (IllegalArgumentException e) {
            return "bad base64 in b=";
        }
        VerificationKey.Found found = key(keys, domain, selector, algorithm);
        if (found instanceof VerificationKey.Unusable unusable) {
            return unusable(unusable);
        }
        return ((VerificationKey.Usable) found).key().verifies(algorithm, signed, signature) ? null : DkimResult.Fail.SIGNATURE_MISMATCH;
    }

    /**
     * What ARC-Seal {@code i} signs (RFC 8617 §5.1.1): the sets {@code first} (1, unless the seal says
     * cv=fail and so covers its own set only, §5.1.2) to i in order, each as ARC-Authentication-Results,
     * ARC-Message-Signature, ARC-Seal, relaxed, with seal i's b= emptied and its final CRLF left off.
     * Shared with {@link ArcSealer} so sealing and validating cannot drift apart.
     */
    static byte[] sealInput(int first, int i, Map<Integer, HeaderField> seals, Map<Integer, HeaderField> signatures,
            Map<Integer, HeaderField> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int j = first; j <= i; j++) {
            out.writeBytes(Canonicalization.RELAXED.header(results.get(j)));
            out.writeBytes(Canonicalization.RELAXED.header(signatures.get(j)));
            if (j < i) {
                out.writeBytes(Canonicalization.RELAXED.header(seals.get(j)));
            }
        }
        byte[] own = Canonicalization.RELAXED.header(HeaderHashInput.withoutSignatureValue(seals.get(i)));
        out.write(own, 0, own.length - 2);
        return out.toByteArray();
    }

    /** ARC-Authentication-Results: {@code i=<n>;} before the results (RFC 8617 §4.1.1). */
    static int resultsInstance(HeaderField field) throws DkimSyntaxException {
        String value = new String(field.value(), StandardCharsets.ISO_8859_1);
        int semicolon = value.indexOf(';');
        String first = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        if (!first.startsWith("i=")) {
            throw new DkimSyntaxException("ARC-Authentication-Results without i=");
        }
        return instance(TagList.withoutFws(first.substring(2)));
    }

    static int instance(String value) throws DkimSyntaxException {
        String digits = TagList.withoutFws(value);
        if (!digits.matches("[0-9]{1,2}")) {
            throw new DkimSyntaxException("bad ARC instance");
        }
        int instance = Integer.parseInt(digits);
        if (instance < 1 || instance > MAX_INSTANCES) {
            throw new DkimSyntaxException("ARC instance out of range");
        }
        return instance;
    }
}
