package io.mailserver.auth.login.service;

/**
 * One login as a protocol service reported it.
 *
 * @param username      as the client sent it
 * @param secret        in clear; never logged, never stored, and left out of {@link #toString()}
 * @param protocol      lower-case protocol name, for metrics and logs
 * @param remoteAddress the client's IP address
 * @param mechanism     SASL mechanism or protocol-native login command
 */
public record LoginAttempt(String username, String secret, String protocol, String remoteAddress, String mechanism) {

    @Override
    public String toString() {
        return "LoginAttempt[username=" + username + ", protocol=" + protocol + ", remoteAddress=" + remoteAddress
                + ", mechanism=" + mechanism + "]";
    }
}
