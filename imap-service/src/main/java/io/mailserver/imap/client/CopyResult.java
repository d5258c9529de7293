package io.mailserver.imap.client;

import io.mailserver.imap.session.MessageNumbers;
import java.util.List;

/**
 * The outcome of COPY or MOVE (RFC 4315 COPYUID, RFC 6851).
 *
 * @param expunged the source UIDs a MOVE removed; empty for a COPY
 */
public record CopyResult(int targetUidValidity, List<CopiedUid> copied, MessageNumbers expunged) {

    public CopyResult {
        copied = List.copyOf(copied);
    }
}
