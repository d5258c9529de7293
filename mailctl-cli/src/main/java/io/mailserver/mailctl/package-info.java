/**
 * {@code mailctl}: one entry point for running a local system and for administering any system.
 * Every failure a user can cause ends in a one-line message and a non-zero exit status, never a
 * stack trace.
 */
package io.mailserver.mailctl;
