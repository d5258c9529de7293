/**
 * Command execution: one handler per command family, each declaring the session states it accepts,
 * and {@link io.mailserver.imap.handler.CommandDispatcher}, the one place that checks them, reports
 * mailbox changes and writes the tagged response. Handlers decide responses; {@code reply} encodes
 * them. Every peer call is one coarse gRPC call per command, and its result is handled back on the
 * connection's context.
 */
package io.mailserver.imap.handler;
