/** Turning the command line into one {@link io.mailserver.mailctl.cli.Invocation}, or a usage error. */
package io.mailserver.mailctl.cli;
