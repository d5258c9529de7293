/** Admin commands: calls to auth-service's REST API and their plain-text output. */
package io.mailserver.mailctl.admin;
