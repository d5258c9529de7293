package io.mailserver.imap.reply;

/**
 * RFC 4731 {@code * ESEARCH (TAG "t") [UID] [MIN n] [MAX n] [COUNT n] [ALL set]} with RFC 7162's
 * {@code [MODSEQ n]}. Absent parts are null (numbers) or -1 (count, modseq).
 */
public record EsearchResponse(String tag, boolean uid, Long min, Long max, long count, String all, long modseq)
        implements Response {
}
