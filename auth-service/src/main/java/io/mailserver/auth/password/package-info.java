/**
 * Password storage: Argon2id (RFC 9106) hashes in PHC string form, verified with the parameters
 * stored in each hash and compared in constant time.
 *
 * <p>{@link io.mailserver.auth.password.Argon2idHasher} is pure and blocking;
 * {@link io.mailserver.auth.password.PasswordService} is what the service uses, and it never lets
 * the hashing run on a Vert.x event loop.
 */
package io.mailserver.auth.password;
