/** {@code auth.dkim_keys}. */
package io.mailserver.auth.dkim.repository;
