/**
 * One adapter per peer service ({@link io.mailserver.imap.client.AuthClient},
 * {@link io.mailserver.imap.client.StorageClient}) over the gRPC clients named {@code auth} and
 * {@code storage}: deadlines, flow control and the translation of gRPC failures into
 * {@link io.mailserver.imap.client.PeerUnavailableException} / {@link io.mailserver.imap.client.PeerRejectedException}.
 * Plus the readiness check that both peers answer.
 */
package io.mailserver.imap.client;
