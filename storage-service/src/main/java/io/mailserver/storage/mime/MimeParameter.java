package io.mailserver.storage.mime;

/** A Content-Type or Content-Disposition parameter, name as written, value unquoted. */
public record MimeParameter(String name, String value) {
}
