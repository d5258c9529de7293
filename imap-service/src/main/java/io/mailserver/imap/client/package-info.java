/**
 * The edge towards the peer services: one adapter per service ({@link io.mailserver.imap.client.AuthClient},
 * {@link io.mailserver.imap.client.StorageClient}) over the gRPC clients named {@code auth} and
 * {@code storage}, with their deadlines, flow control and the translation of gRPC failures into
 * {@link io.mailserver.imap.client.PeerUnavailableException} / {@link io.mailserver.imap.client.PeerRejectedException};
 * plus the readiness check that both peers answer.
 *
 * <p>Contract (protobuf) types stop here: requests are built from imap-service's own values and
 * answers come back as this package's records ({@link io.mailserver.imap.client.MailboxInfo},
 * {@link io.mailserver.imap.client.MailboxChanges}, ...) and the {@code message} package's
 * structures, so handlers, the session and the encoders never see a generated class, and a change
 * of the contract is absorbed in one place.
 */
package io.mailserver.imap.client;
