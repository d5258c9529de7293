package io.mailserver.bench;

import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.storage.mime.MessageParser;
import io.mailserver.storage.mime.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parse storage-service runs once per delivered or appended message, for every recipient's
 * copy: a client's everyday message (10 KiB of quoted-printable text behind a relay's worth of
 * trace and authentication headers) and a message with a document attached (200 KiB
 * multipart/mixed: a text and HTML alternative and a base64 PDF). One operation is one message of
 * exactly 10,240 or 204,800 bytes: MiB/s = ops/s x 10 / 1024 or ops/s x 200 / 1024.
 */
@State(Scope.Benchmark)
public class MimeParseBenchmark extends ShortRun {

    /** storage-service's defaults (mail.storage.message.max-mime-depth, -parts, search-headers-limit, index-text-limit). */
    private static final MessageParser PARSER = new MessageParser(new MessageParser.Limits(32, 5000, 262_144, 1_048_576));

    @Param({"text10k", "mixed200k"})
    public String message;

    private byte[] raw;

    @Setup
    public void setUp() {
        int size = "text10k".equals(message) ? 10 * 1024 : 200 * 1024;
        raw = "text10k".equals(message) ? textMessage(size) : mixedMessage(size);
        if (raw.length != size) {
            throw new IllegalStateException(message + " has " + raw.length + " bytes, not " + size);
        }
        // the parser never fails, it falls back to one text/plain body: make sure the real walk is measured
        BodyPart root = PARSER.parse(raw).bodyStructure();
        boolean expected = "text10k".equals(message)
                ? root.getType().equalsIgnoreCase("text") && root.getPartsCount() == 0
                : root.getType().equalsIgnoreCase("multipart") && root.getPartsCount() == 2
                        && root.getParts(0).getPartsCount() == 2
                        && root.getParts(1).getSubtype().equalsIgnoreCase("pdf");
        if (!expected) {
            throw new IllegalStateException("unexpected structure of " + message + ": " + root);
        }
    }

    @Benchmark
    public ParsedMessage parse() {
        return PARSER.parse(raw);
    }

    /** What arrives from the internet: trace fields, DKIM and ARC, then the author's headers. */
    private static StringBuilder headers(String contentType) {
        return new StringBuilder()
                .append("Return-Path: <alice@example.org>\r\n")
                .append("Received: from mail-out.example.org (mail-out.example.org [198.51.100.25])\r\n")
                .append("\tby mx.example.com with ESMTPS id 7Hq2kLmN3pQ; Thu, 3 Dec 2026 09:14:09 +0000\r\n")
                .append("Received: from mua.example.org (mua.example.org [192.0.2.10])\r\n")
                .append("\tby mail-out.example.org with ESMTPSA id 4f1c2a; Thu, 3 Dec 2026 09:14:07 +0000\r\n")
                .append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=2026;\r\n")
                .append("\th=from:to:cc:subject:date:message-id:in-reply-to:references:mime-version;\r\n")
                .append("\tbh=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8=;\r\n")
                .append("\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgaGFzIHRoZSByaWdodCBsZW5n\r\n")
                .append("\t dGggZm9yIGEgMjA0OCBiaXQgUlNBIGtleSBzaWduYXR1cmUgZW5jb2RlZCBpbiBiYXNlNjQu\r\n")
                .append("Authentication-Results: mx.example.com; dkim=pass header.d=example.org;\r\n")
                .append("\tspf=pass smtp.mailfrom=alice@example.org; dmarc=pass header.from=example.org\r\n")
                .append("From: Alice Example <alice@example.org>\r\n")
                .append("To: Bob Example <bob@example.com>, team-planning@lists.example.com\r\n")
                .append("Cc: \"Carol O'Neil\" <carol.oneil@example.net>\r\n")
                .append("Subject: Re: =?UTF-8?Q?Q3_planning=3A_budget_draft_v2_=E2=80=94_comments?=\r\n")
                .append("Date: Thu, 3 Dec 2026 10:14:05 +0100\r\n")
                .append("Message-ID: <20261203091405.4f1c2a@mua.example.org>\r\n")
                .append("In-Reply-To: <20261202170312.9a8b7c@mua.example.com>\r\n")
                .append("References: <20261201080000.1a2b3c@mua.example.org>\r\n")
                .append(" <20261202170312.9a8b7c@mua.example.com>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
    }

    /**
     * Quoted-printable prose with the odd accented word, lines within the 76 characters encoders
     * keep to; the last line is padded (trailing spaces, as format=flowed writes them) so the text
     * ends exactly at {@code end} and the message has the size it is named after.
     */
    private static void qpText(StringBuilder out, Prose prose, int end) {
        for (int n = 1; end - out.length() >= 79; n++) {
            String line = prose.line(70);
            out.append(n % 9 == 0 ? line.replaceFirst("the", "th=C3=A9") : line).append("\r\n");
        }
        int width = end - out.length() - 2;
        if (width < 0) {
            throw new IllegalStateException("no room for the text");
        }
        String last = prose.line(width);
        out.append(last).append(" ".repeat(width - last.length())).append("\r\n");
    }

    private static byte[] textMessage(int size) {
        Prose prose = new Prose(10);
        StringBuilder text = headers("text/plain; charset=utf-8; format=flowed")
                .append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        qpText(text, prose, size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] mixedMessage(int size) {
        Prose prose = new Prose(200);
        StringBuilder head = headers("multipart/mixed; boundary=\"000000000000f6e5d4c3b2a19080\"")
                .append("\r\nThis is a multi-part message in MIME format.\r\n")
                .append("--000000000000f6e5d4c3b2a19080\r\n")
                .append("Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3d4e5f6a7b8\"\r\n\r\n")
                .append("--000000000000a1b2c3d4e5f6a7b8\r\n")
                .append("Content-Type: text/plain; charset=\"UTF-8\"\r\n")
                .append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
        // everything after the plain text first, so the plain text can take up exactly what is left
        StringBuilder text = new StringBuilder();
        text.append("--000000000000a1b2c3d4e5f6a7b8\r\n")
                .append("Content-Type: text/html; charset=\"UTF-8\"\r\n")
                .append("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
                .append("<html><head><meta http-equiv=3D\"Content-Type\" content=3D\"text/html; charset=3DUTF-8\"></head>\r\n")
                .append("<body>\r\n");
        for (int i = 0; i < 40; i++) {
            text.append("<p style=3D\"margin:0\">").append(prose.line(50)).append("</p>\r\n");
        }
        text.append("</body></html>\r\n")
                .append("--000000000000a1b2c3d4e5f6a7b8--\r\n")
                .append("--000000000000f6e5d4c3b2a19080\r\n")
                .append("Content-Type: application/pdf; name=\"Q3-budget-draft-v2.pdf\"\r\n")
                .append("Content-Disposition: attachment; filename=\"Q3-budget-draft-v2.pdf\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n");
        // an attachment of ~96% of the message, as a document attached to a short note is; base64
        // turns 57 bytes into a line of 76 characters and CRLF
        int binary = (size * 24 / 25) / 78 * 57;
        text.append(Base64.getMimeEncoder().encodeToString(prose.noise(binary)))
                .append("\r\n--000000000000f6e5d4c3b2a19080--\r\n");
        int plainEnd = size - text.length();
        qpText(head, prose, plainEnd);
        return head.append(text).toString().getBytes(StandardCharsets.US_ASCII);
    }
}
