/**
 * The rules for whom this server takes mail: pure functions of what the peers said and where the
 * client connected, with no I/O, so they are read and tested in one place (relaying, unknown users,
 * full mailboxes). Handlers ask the peers, then ask the policy. {@link io.mailserver.smtp.policy.ClientBudgets}
 * is the one piece with state: what each client address has cost lately, across connections.
 */
package io.mailserver.smtp.policy;
