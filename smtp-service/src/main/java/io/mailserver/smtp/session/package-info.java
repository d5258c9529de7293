/**
 * The SMTP session state machine (RFC 5321 §4.1.4): a sealed interface of records carrying
 * per-state data, with pure transitions, the explicit input mode of each state, and the facts about
 * the connection a session depends on.
 *
 * <p>Invariant: nothing here does I/O or holds mutable state; the connection owns the current state
 * and replaces it with what a handler decided.
 */
package io.mailserver.smtp.session;
