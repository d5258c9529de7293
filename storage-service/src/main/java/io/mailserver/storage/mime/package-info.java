/**
 * Message structure, computed once per message and without I/O: {@link io.mailserver.storage.mime.MimeWalker}
 * finds the byte offsets of every entity, mime4j parses structured fields (addresses, parameters,
 * encoded words), and the builders turn the result into the contract's ENVELOPE and BODYSTRUCTURE
 * (RFC 9051 §7.5.2). {@link io.mailserver.storage.mime.Section} later cuts body sections
 * (RFC 9051 §6.4.5) with those offsets. Invariant: malformed input never throws out of this package.
 */
package io.mailserver.storage.mime;
