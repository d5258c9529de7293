/** gRPC adapter of MessageService: no logic beyond mapping calls and failures. */
package io.mailserver.storage.message.grpc;
