/** gRPC adapter of MailboxService: no logic beyond mapping calls and failures. */
package io.mailserver.storage.mailbox.grpc;
