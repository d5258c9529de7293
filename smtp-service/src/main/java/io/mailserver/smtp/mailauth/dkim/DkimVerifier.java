package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.MessageBody;
import io.mailserver.smtp.mailauth.RawMessage;
import io.mailserver.smtp.mailauth.DnsTxtResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 §6). Each signature gets its own result, so a
 * broken signature does not hide a good one; only the topmost {@link #MAX_SIGNATURES} are evaluated,
 * because each costs a DNS query and a public-key operation that a sender could otherwise multiply.
 */
public final class DkimVerifier {

    public static final int MAX_SIGNATURES = 5;

    private final DnsTxtResolver resolver;
    private final Clock clock;

    public DkimVerifier(DnsTxtResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One result per evaluated DKIM-Signature field, topmost first; empty when the message has none. */
    public List<DkimResult> verify(byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        return verify(parsed, MessageBody.of(message, parsed.bodyStart()));
    }

    /**
     * As {@link #verify(byte[])}, for a message whose header section was parsed ({@code header}; its
     * bytes need hold no more than that) and whose body streams past: every signature's body hash is
     * taken in one pass over it.
     */
    public List<DkimResult> verify(RawMessage header, MessageBody body) {
        List<Stage> staged = new ArrayList<>();
        for (HeaderField field : header.headers()) {
            if (field.is("dkim-signature")) {
                staged.add(stageSafely(field));
                if (staged.size() == MAX_SIGNATURES) {
                    break;
                }
            }
        }
        Set<BodyHash.Spec> specs = new LinkedHashSet<>();
        staged.stream().filter(Staged.class::isInstance).map(s -> ((Staged) s).spec()).forEach(specs::add);
        Map<BodyHash.Spec, BodyHash> hashes;
        try {
            hashes = specs.isEmpty() ? Map.of() : BodyHash.of(body, specs);
        } catch (RuntimeException e) {
            // the body pass is shared: its failure is each pending signature's, not the whole check's
            return staged.stream().map(s -> s instanceof Done done ? done.result() : unverifiable(e)).toList();
        }
        return staged.stream().map(s -> s instanceof Done done ? done.result()
                : finishSafely(header, (Staged) s, hashes.get(((Staged) s).spec()))).toList();
    }

    /** One signature before the body pass: settled already, or waiting for its body hash. */
    private sealed interface Stage {
    }

    /** Settled before the body was needed: a syntax, key or lookup problem. */
    private record Done(DkimResult result) implements Stage {
    }

    /** A signature whose syntax and key passed, waiting for its body hash. */
    private record Staged(HeaderField field, DkimSignature signature, DkimResult.Signature id, VerificationKey key)
            implements Stage {
        BodyHash.Spec spec() {
            return new BodyHash.Spec(signature.bodyCanonicalization(), signature.bodyLength());
        }
    }

    private Stage stageSafely(HeaderField field) {
        try {
            return stage(field);
        } catch (RuntimeException e) {
            return new Done(unverifiable(e));
        }
    }

    private DkimResult finishSafely(RawMessage header, Staged staged, BodyHash body) {
        try {
            return finish(header, staged, body);
        } catch (RuntimeException e) {
            return unverifiable(e);
        }
    }

    /** Hostile input must yield a result; whatever slipped past the checks is the signature's fault. */
    private static DkimResult unverifiable(RuntimeException e) {
        return new DkimResult.PermError(DkimResult.Signature.UNKNOWN, "unverifiable signature: " + e.getClass().getSimpleName());
    }

    private Stage stage(HeaderField field) {
        TagList tags;
        try {
            tags = TagList.parse(new String(field.value(), StandardCharsets.ISO_8859_1));
        } catch (DkimSyntaxException e) {
            return new Done(new DkimResult.PermError(DkimResult.Signature.UNKNOWN, e.getMessage()));
        }
        DkimSignature signature;
        Instant now = clock.instant();
        try {
            signature = DkimSignature.parse(tags, now);
        } catch (DkimSyntaxException e) {
            return new Done(new DkimResult.PermError(bestEffortId(tags), e.getMessage()));
        }
        DkimResult.Signature id = new DkimResult.Signature(signature.domain(), signature.selector(), signature.identity(),
                signature.encodedSignature().substring(0, Math.min(8, signature.encodedSignature().length())));

        VerificationKey.Found found = VerificationKey.find(resolver, signature.domain(), signature.selector(), signature.algorithm());
        if (found instanceof VerificationKey.Unusable unusable) {
            return new Done(unusable.temporary() ? new DkimResult.TempError(id, unusable.reason())
                    : new DkimResult.PermError(id, unusable.reason()));
        }
        VerificationKey key = ((VerificationKey.Usable) found).key();
        if (key.strict() && !signature.identityDomain().equals(signature.domain())) {
            return new Done(new DkimResult.PermError(id, "key requires i= domain to equal d="));
        }
        return new Staged(field, signature, id, key);
    }

    private DkimResult finish(RawMessage header, Staged staged, BodyHash body) {
        DkimSignature signature = staged.signature();
        DkimResult.Signature id = staged.id();
        if (signature.bodyLength() > body.canonicalLength()) {
            return new DkimResult.PermError(id, "l= is longer than the body");
        }
        if (!MessageDigest.isEqual(body.digest(), signature.bodyHash())) {
            return failed(id, staged.key(), DkimResult.Fail.BODY_HASH_MISMATCH);
        }
        byte[] signed = HeaderHashInput.of(header, signature.signedHeaders(), signature.headerCanonicalization(),
                HeaderHashInput.withoutSignatureValue(staged.field()));
        if (!staged.key().verifies(signature.algorithm(), signed, signature.signature())) {
            return failed(id, staged.key(), DkimResult.Fail.SIGNATURE_MISMATCH);
        }
        return new DkimResult.Pass(id);
    }

    private static DkimResult failed(DkimResult.Signature id, VerificationKey key, String reason) {
        return key.testing() ? new DkimResult.Neutral(id, reason + " (key in testing mode)") : new DkimResult.Fail(id, reason);
    }

    /** Whatever d= and s= a signature that failed its checks still names, for the report. */
    private static DkimResult.Signature bestEffortId(TagList tags) {
        String b = TagList.withoutFws(tags.get("b").orElse(""));
        return new DkimResult.Signature(nameOrEmpty(tags, "d"), nameOrEmpty(tags, "s"), "",
                b.matches("[A-Za-z0-9+/=]*") ? b.substring(0, Math.min(8, b.length())) : "");
    }

    /** Only well-formed names may travel on into Authentication-Results; anything else is left out. */
    private static String nameOrEmpty(TagList tags, String tag) {
        String value = tags.get(tag).orElse("");
        return DkimSignature.isDomainName(value) ? value.toLowerCase(java.util.Locale.ROOT) : "";
    }
}
