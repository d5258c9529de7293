/**
 * {@code mailctl queue}: the outbound queue, which storage-service owns, listed and acted on over gRPC
 * as the {@code mailctl} identity. What remote servers said (and senders wrote) reaches the operator's
 * terminal only with control characters replaced.
 */
package io.mailserver.mailctl.queue;
