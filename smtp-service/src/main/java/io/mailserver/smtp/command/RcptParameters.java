package io.mailserver.smtp.command;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.OriginalRecipient;
import java.util.Optional;

/**
 * The ESMTP parameters of RCPT this server understands: the DSN ones (RFC 3461 §4.1, §4.2).
 *
 * @param dsnNotify          which outcomes to report for this recipient
 * @param originalRecipient ORCPT, when given
 */
public record RcptParameters(Notify dsnNotify, Optional<OriginalRecipient> originalRecipient) {

    public static final RcptParameters NONE = new RcptParameters(Notify.DEFAULT, Optional.empty());
}
