package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.MessageBody;
import io.mailserver.smtp.mailauth.RawMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds this server's ARC set to a message it passes on (RFC 8617 §5.1): an ARC-Authentication-Results
 * copying our own results, an ARC-Message-Signature over the message as it leaves, and an ARC-Seal over
 * the chain with our set on top, so a receiver can see what we found even after a change that breaks
 * the original DKIM signatures. Pure computation: the chain's state comes from {@link ArcVerifier}.
 * Signs with rsa-sha256 or ed25519-sha256 keys alike, but dkimpy, and with it many receivers, takes only
 * rsa-sha256 in ARC fields, so an RSA key is the one to seal with.
 */
public final class ArcSealer {

    /**
     * What the ARC-Message-Signature signs when present (RFC 8617 §4.1.2): the fields a DKIM signature
     * signs plus the DKIM-Signature fields themselves, so their integrity can still be checked; never
     * Authentication-Results (receivers remove them) nor ARC fields (the seal covers those).
     */
    static final List<String> SIGNED_FIELDS;

    static {
        List<String> names = new ArrayList<>(DkimSigner.SIGNED_FIELDS);
        names.add("dkim-signature");
        SIGNED_FIELDS = List.copyOf(names);
    }

    private final Clock clock;

    public ArcSealer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The ARC set to put on top of the message, as ASCII text ending with CRLF, in the order ARC-Seal,
     * ARC-Message-Signature, ARC-Authentication-Results (prepended as is), or empty when the message must
     * not be sealed (RFC 8617: the existing chain's newest ARC-Seal says cv=fail, or the chain already has
     * 50 sets).
     *
     * @param header     the message's header section as parsed
     * @param body       the body
     * @param chain      what our ArcVerifier said of the existing chain: NONE seals with cv=none, PASS with
     *                   cv=pass, FAIL with cv=fail (and a seal over our own set only, RFC 8617 §5.1.2)
     * @param authservId our host name, first item of the ARC-Authentication-Results
     * @param results    the resinfo of our own Authentication-Results for this message (what follows
     *                   "authserv-id;"), folded or not; "none" when blank
     * @throws IllegalArgumentException when {@code authservId} is not a host name, {@code results} holds
     *                   anything but printable ASCII and folding whitespace, or {@code chain} cannot be a
     *                   verdict on this header (NONE with ARC fields present, PASS with other instances)
     */
    public Optional<String> seal(RawMessage header, MessageBody body, ArcResult chain, String authservId, String results,
            DkimSigningKey key) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(key, "key");
        if (!DkimSignature.isDomainName(authservId)) {
            throw new IllegalArgumentException("not a host name for authserv-id: " + authservId);
        }
        String resinfo = resinfo(results);
        Chain existing = Chain.of(header);
        if (existing.newestSealFailed || existing.newest >= ArcVerifier.MAX_INSTANCES) {
            return Optional.empty();
        }
        int instance = existing.newest + 1;
        String cv = cv(chain, existing.newest);
        long now = clock.instant().getEpochSecond();

        FieldFolder aar = new FieldFolder("ARC-Authentication-Results: ");
        aar.tag("i=" + instance + ";");
        aar.tag(authservId + ";");
        aar.words(" " + resinfo);
        HeaderField resultsField = field(aar.text());

        List<String> signedHeaders = DkimSigner.signedHeaders(header, SIGNED_FIELDS);
        BodyHash.Spec spec = new BodyHash.Spec(Canonicalization.RELAXED, -1);
        FieldFolder ams = new FieldFolder("ARC-Message-Signature: ");
        ams.tag("i=" + instance + ";");
        ams.tag("a=" + key.algorithm().tag() + ";");
        ams.tag("c=relaxed/relaxed;");
        ams.tag("d=" + key.domain() + ";");
        ams.tag("s=" + key.selector() + ";");
        ams.tag("t=" + now + ";");
        ams.list("h=", signedHeaders);
        ams.tag("bh=" + Base64.getEncoder().encodeToString(BodyHash.of(body, List.of(spec)).get(spec).digest()) + ";");
        HeaderField signatureField = field(ams.signed(key,
                own -> HeaderHashInput.of(header, signedHeaders, Canonicalization.RELAXED, own)));

        FieldFolder as = new FieldFolder("ARC-Seal: ");
        as.tag("i=" + instance + ";");
        as.tag("a=" + key.algorithm().tag() + ";");
        as.tag("cv=" + cv + ";");
        as.tag("d=" + key.domain() + ";");
        as.tag("s=" + key.selector() + ";");
        as.tag("t=" + now + ";");
        String seal = as.signed(key, own -> {
            Map<Integer, HeaderField> seals = new HashMap<>(existing.seals);
            Map<Integer, HeaderField> signatures = new HashMap<>(existing.signatures);
            Map<Integer, HeaderField> resultsFields = new HashMap<>(existing.results);
            seals.put(instance, own);
            signatures.put(instance, signatureField);
            resultsFields.put(instance, resultsField);
            return ArcVerifier.sealInput(cv.equals("fail") ? instance : 1, instance, seals, signatures, resultsFields);
        });
        return Optional.of(seal + "\r\n" + ams.text() + "\r\n" + aar.text() + "\r\n");
    }

    /**
     * cv= from our verdict, checked against the sets the header holds: a verdict on another message
     * would make us vouch for a chain nobody checked.
     */
    private static String cv(ArcResult chain, int newest) {
        switch (chain.kind()) {
            case NONE:
                if (newest == 0) {
                    return "none";
                }
                break;
            case PASS:
                if (newest == chain.instances() && newest > 0) {
                    return "pass";
                }
                break;
            default:
                return "fail";
        }
        throw new IllegalArgumentException("ARC " + chain.kind().keyword() + " with " + chain.instances()
                + " sets does not describe a header whose newest ARC set is " + newest);
    }

    /** Unfolded, and only what can go into an ASCII header field without ending it. */
    private static String resinfo(String results) {
        String unfolded = results.replaceAll("\r\n(?=[ \t])", "").strip();
        for (int i = 0; i < unfolded.length(); i++) {
            char c = unfolded.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\t') {
                throw new IllegalArgumentException("results hold a character that is not printable ASCII: U+"
                        + String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        return unfolded.isEmpty() ? "none" : unfolded;
    }

    private static HeaderField field(String text) {
        return HeaderField.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The ARC fields already on the message by instance, as far as they can be read: the highest i= of
     * any of them, whether the newest ARC-Seal says cv=fail, and (for a chain that passed, where each
     * instance has exactly one of each) the fields our seal covers.
     */
    private static final class Chain {

        final Map<Integer, HeaderField> seals = new HashMap<>();
        final Map<Integer, HeaderField> signatures = new HashMap<>();
        final Map<Integer, HeaderField> results = new HashMap<>();
        int newest;
        int newestSeal;
        boolean newestSealFailed;

        static Chain of(RawMessage header) {
            Chain chain = new Chain();
            for (HeaderField field : header.headers()) {
                try {
                    chain.add(field);
                } catch (DkimSyntaxException | RuntimeException unreadable) {
                    // a field whose instance cannot be read adds no set; our verifier already failed the chain
                }
            }
            return chain;
        }

        private void add(HeaderField field) throws DkimSyntaxException {
            int instance;
            if (field.is(ArcVerifier.RESULTS)) {
                instance = ArcVerifier.resultsInstance(field);
                results.put(instance, field);
            } else if (field.is(ArcVerifier.SIGNATURE) || field.is(ArcVerifier.SEAL)) {
                TagList tags = TagList.parse(new String(field.value(), StandardCharsets.ISO_8859_1));
                instance = ArcVerifier.instance(tags.require("i"));
                if (field.is(ArcVerifier.SIGNATURE)) {
                    signatures.put(instance, field);
                } else {
                    boolean failed = tags.get("cv").map(cv -> TagList.withoutFws(cv).equalsIgnoreCase("fail")).orElse(false);
                    if (instance > newestSeal) {
                        newestSeal = instance;
                        newestSealFailed = failed;
                    } else if (instance == newestSeal) {
                        newestSealFailed |= failed;
                    }
                    seals.put(instance, field);
                }
            } else {
                return;
            }
            newest = Math.max(newest, instance);
        }
    }
}
