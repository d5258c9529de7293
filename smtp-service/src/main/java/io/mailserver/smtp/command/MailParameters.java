package io.mailserver.smtp.command;

import io.mailserver.smtp.dsn.Ret;
import java.util.OptionalLong;

/**
 * The ESMTP parameters of MAIL this server understands.
 *
 * @param size  declared message size (RFC 1870 §6), empty when not given; a value too large for a
 *              long is {@link Long#MAX_VALUE}
 * @param body  the BODY parameter (RFC 6152)
 * @param ret   the DSN RET parameter (RFC 3461 §4.3)
 * @param envid the DSN ENVID parameter (RFC 3461 §4.4) as given (xtext, checked to decode to printable
 *              ASCII); empty when not given
 */
public record MailParameters(OptionalLong size, BodyType body, Ret ret, String envid) {

    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), BodyType.UNSPECIFIED, Ret.UNSPECIFIED, "");

    public MailParameters(OptionalLong size, BodyType body) {
        this(size, body, Ret.UNSPECIFIED, "");
    }
}
