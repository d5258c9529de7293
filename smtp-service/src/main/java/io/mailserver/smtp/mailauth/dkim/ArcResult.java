package io.mailserver.smtp.mailauth.dkim;

/**
 * What the ARC chain of a message says (RFC 8617 §5.2), for the {@code arc=} entry of
 * Authentication-Results.
 *
 * @param instances how many ARC sets the message carries (0 for {@code none})
 * @param sealer    d= of the newest ARC-Seal (the last intermediary to seal), lower-cased; empty unless
 *                  the chain passed
 * @param reason    why it failed, ours and not the sender's words; empty otherwise
 */
public record ArcResult(Kind kind, int instances, String sealer, String reason) {

    public enum Kind {
        NONE, PASS, FAIL;

        /** The {@code arc=} result keyword of Authentication-Results (registered by RFC 8617). */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ArcResult NONE = new ArcResult(Kind.NONE, 0, "", "");

    static ArcResult fail(int instances, String reason) {
        return new ArcResult(Kind.FAIL, instances, "", reason);
    }
}
