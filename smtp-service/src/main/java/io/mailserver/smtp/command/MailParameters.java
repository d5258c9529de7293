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
 * @param smtputf8 the SMTPUTF8 parameter (RFC 6531 §3.4): the transaction may use UTF-8 addresses
 *              and the message UTF-8 header fields
 * @param requireTls the REQUIRETLS parameter (RFC 8689 §3): the message goes on only over verified TLS
 */
public record MailParameters(OptionalLong size, BodyType body, Ret ret, String envid, boolean smtputf8, boolean requireTls) {

    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), BodyType.UNSPECIFIED, Ret.UNSPECIFIED,
            "", false, false);

    public MailParameters(OptionalLong size, BodyType body) {
        this(size, body, Ret.UNSPECIFIED, "", false, false);
    }
}
