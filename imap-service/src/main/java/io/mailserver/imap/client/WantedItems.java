package io.mailserver.imap.client;

import io.mailserver.imap.command.FetchAttribute;
import java.util.List;

/**
 * What a FETCH asks storage for about each message: which attributes, which sections (in the order
 * their chunks are numbered), and which parts' decoded sizes (RFC 3516 BINARY.SIZE).
 */
public record WantedItems(boolean flags, boolean modseq, boolean internalDate, boolean size, boolean emailId,
        boolean preview, boolean envelope, boolean bodyStructure, List<FetchAttribute.SectionItem> sections,
        List<FetchAttribute.BinarySize> binarySizes) {

    public WantedItems {
        sections = List.copyOf(sections);
        binarySizes = List.copyOf(binarySizes);
    }
}
