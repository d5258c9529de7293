package io.mailserver.localstack;

import java.util.EnumMap;
import java.util.Map;

/**
 * Every TCP port of a local system. {@link #local()} gives the fixed, non-privileged ports of
 * {@code mailctl up}; {@link #random()} gives free ones so test runs never collide.
 */
public record Ports(
        int postgres,
        int kafka,
        int kafkaController,
        Map<MailService, Integer> http,
        int authGrpc,
        int storageGrpc,
        int smtpMx,
        int smtpSubmission,
        int smtpSubmissions,
        int imap,
        int imaps,
        int pop3,
        int pop3s) {

    public Ports {
        http = Map.copyOf(http);
    }

    public static Ports local() {
        Map<MailService, Integer> http = new EnumMap<>(MailService.class);
        http.put(MailService.AUTH, 8080);
        http.put(MailService.STORAGE, 8081);
        http.put(MailService.DNS, 8082);
        http.put(MailService.SMTP, 8083);
        http.put(MailService.IMAP, 8084);
        http.put(MailService.POP3, 8085);
        return new Ports(15432, 19092, 19093, http, 9090, 9091, 2525, 2587, 2465, 1143, 1993, 1110, 1995);
    }

    public static Ports random() {
        Map<MailService, Integer> http = new EnumMap<>(MailService.class);
        for (MailService service : MailService.values()) {
            http.put(service, FreePorts.find());
        }
        return new Ports(FreePorts.find(), FreePorts.find(), FreePorts.find(), http, FreePorts.find(),
                FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(),
                FreePorts.find(), FreePorts.find(), FreePorts.find());
    }

    public int http(MailService service) {
        return http.get(service);
    }
}
