package io.mailserver.smtp.mailauth.dkim;

import java.util.Set;

/**
 * What the ARC chain of a message says (RFC 8617 §5.2), for the {@code arc=} entry of
 * Authentication-Results.
 *
 * @param instances how many ARC sets the message carries (0 for {@code none})
 * @param sealer    d= of the newest ARC-Seal (the last intermediary to seal), lower-cased; empty unless
 *                  the chain passed
 * @param reason    why it failed, ours and not the sender's words; empty otherwise
 * @param sealerDmarcPasses the From domains the newest sealer's ARC-Authentication-Results (which its
 *                  seal covers) report {@code dmarc=pass} for, lower-cased; empty unless the chain passed
 * @param temporary a failure only because a key could not be looked up now: another try may pass
 */
public record ArcResult(Kind kind, int instances, String sealer, String reason, Set<String> sealerDmarcPasses,
        boolean temporary) {

    public ArcResult {
        sealerDmarcPasses = Set.copyOf(sealerDmarcPasses);
    }

    public ArcResult(Kind kind, int instances, String sealer, String reason, Set<String> sealerDmarcPasses) {
        this(kind, instances, sealer, reason, sealerDmarcPasses, false);
    }

    public enum Kind {
        NONE, PASS, FAIL;

        /** The {@code arc=} result keyword of Authentication-Results (registered by RFC 8617). */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ArcResult NONE = new ArcResult(Kind.NONE, 0, "", "", Set.of());

    static ArcResult fail(int instances, String reason) {
        return new ArcResult(Kind.FAIL, instances, "", reason, Set.of());
    }
}
