/**
 * pop3-service: a POP3 server (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH PLAIN) on
 * Vert.x TCP servers. {@link io.mailserver.pop3.Pop3Server} binds the listeners;
 * {@link io.mailserver.pop3.Pop3Connection} runs one client connection through the pipeline
 * {@code codec -> handler -> reply}.
 *
 * <p>Invariants: a connection's state is touched only on its own Vert.x context; commands execute
 * strictly one at a time in the order received; input held per connection is bounded.
 */
package io.mailserver.pop3;
