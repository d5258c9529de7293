/**
 * SORT and THREAD (RFC 5256, RFC 5957 DISPLAY) as pure code: base subjects, the sort order, and
 * the REFERENCES and ORDEREDSUBJECT threading algorithms over messages already read from the
 * database. No I/O here; {@code message.service.ArrangeService} feeds it.
 */
package io.mailserver.storage.message.arrange;
