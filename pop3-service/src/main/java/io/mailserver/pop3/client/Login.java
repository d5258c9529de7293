package io.mailserver.pop3.client;

/**
 * One login attempt as auth-service needs it.
 *
 * @param username      the name as the client sent it
 * @param secret        the password in clear; never printed
 * @param mechanism     "USER" for USER/PASS, the SASL mechanism name otherwise (informational)
 * @param remoteAddress the client's IP address
 * @param tls           whether the connection is protected by TLS
 */
public record Login(String username, String secret, String mechanism, String remoteAddress, boolean tls) {

    @Override
    public String toString() {
        return "Login[username=" + username + ", mechanism=" + mechanism + ", remoteAddress=" + remoteAddress
                + ", tls=" + tls + "]";
    }
}
