/**
 * Adapters around the peer services, one per peer: {@link io.mailserver.smtp.client.AuthClient}
 * (auth-service, gRPC client {@code auth}) and {@link io.mailserver.smtp.client.DeliveryClient}
 * (storage-service, gRPC client {@code storage}), plus the readiness check that both are reachable.
 *
 * <p>Each adapter owns its deadline and retries. Results arrive on gRPC threads: callers that keep
 * connection state must move them back to their Vert.x context before touching it.
 */
package io.mailserver.smtp.client;
