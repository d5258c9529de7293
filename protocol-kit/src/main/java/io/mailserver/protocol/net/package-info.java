/** Connection-level guards shared by the protocol listeners. */
package io.mailserver.protocol.net;
