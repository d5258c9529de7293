/**
 * Adapters for the peer services, one per service: {@link io.mailserver.pop3.client.AuthClient}
 * (auth-service {@code AuthService}) and {@link io.mailserver.pop3.client.StorageClient}
 * (storage-service {@code MailboxService} and {@code MessageService}), over the named gRPC clients
 * {@code auth} and {@code storage}.
 *
 * <p>Invariants: every unary call carries a deadline; transport failures become values or
 * {@link io.mailserver.pop3.client.PeerUnavailableException}, never a stack trace towards a client;
 * results arrive on gRPC threads, and callers move them to their connection's context.
 * {@link io.mailserver.pop3.client.ContentStream} asks for one message at a time, so a slow client
 * slows the storage stream instead of filling memory.
 */
package io.mailserver.pop3.client;
