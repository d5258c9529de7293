/** gRPC {@code mail.storage.v1.OutboundQueueService}. */
package io.mailserver.storage.queue.grpc;
