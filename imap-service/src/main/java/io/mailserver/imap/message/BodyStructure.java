package io.mailserver.imap.message;

import java.util.List;

/**
 * One MIME part and, for a multipart, its children; for a message/rfc822 part, the envelope and
 * structure of the message inside. Empty strings where the message gave nothing (the encoder
 * supplies the RFC's defaults: TEXT/PLAIN, 7BIT); null for the optional fields it did not have.
 *
 * @param messageBody the structure of an enclosed message, or null
 * @param disposition the Content-Disposition, or null
 */
public record BodyStructure(String type, String subtype, List<Parameter> params, String id, String description,
        String encoding, long size, int lines, Envelope envelope, BodyStructure messageBody,
        List<BodyStructure> parts, String md5, Disposition disposition, List<String> language, String location) {

    public BodyStructure {
        params = List.copyOf(params);
        parts = List.copyOf(parts);
        language = List.copyOf(language);
    }
}
