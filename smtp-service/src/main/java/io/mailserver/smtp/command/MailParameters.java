package io.mailserver.smtp.command;

import java.util.OptionalLong;

/**
 * The ESMTP parameters of MAIL this server understands.
 *
 * @param size declared message size (RFC 1870 §6), empty when not given; a value too large for a
 *             long is {@link Long#MAX_VALUE}
 * @param body the BODY parameter (RFC 6152)
 */
public record MailParameters(OptionalLong size, BodyType body) {

    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), BodyType.UNSPECIFIED);
}
