/** Message values: flags (system bitmask and keywords) and UID sets in their SQL form. */
package io.mailserver.storage.message.model;
