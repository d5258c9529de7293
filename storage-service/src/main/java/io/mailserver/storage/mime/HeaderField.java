package io.mailserver.storage.mime;

/**
 * One header field as it sits in the raw message: the line where it starts, the first byte after
 * its colon, and the end of its last (continuation) line including the line break.
 */
public record HeaderField(String name, int start, int valueStart, int end) {

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
