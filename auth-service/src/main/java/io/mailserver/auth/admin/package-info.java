/**
 * What every admin REST endpoint shares: bearer-token authorization ({@code mail.admin.token}), the
 * {@link io.mailserver.auth.admin.Refusal} vocabulary services use to say no, and the mapping of every
 * failure to a JSON {@code {"error":"..."}} body.
 */
package io.mailserver.auth.admin;
