package io.mailserver.mailctl.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailserver.mailctl.cli.Invocation;
import io.mailserver.localstack.admin.AdminClient;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one admin invocation against the API and prints the result for a human. */
public final class AdminCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminClient client;
    private final PrintStream out;

    public AdminCommands(AdminClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    public int run(Invocation invocation) {
        if (invocation instanceof Invocation.DomainAdd add) {
            check(client.addDomain(add.name()));
            out.println("domain " + add.name() + " added");
        } else if (invocation instanceof Invocation.DomainList) {
            for (JsonNode domain : array(check(client.listDomains()))) {
                out.println(domain.path("name").asText());
            }
        } else if (invocation instanceof Invocation.DomainDkim dkim) {
            JsonNode record = parse(check(client.dkimRecord(dkim.name())));
            out.println("publish this TXT record for " + record.path("domain").asText() + " ("
                    + record.path("algorithm").asText() + "):");
            out.println(record.path("name").asText() + ". IN TXT " + txt(record.path("record").asText()));
        } else if (invocation instanceof Invocation.UserAdd add) {
            String password = add.password().orElseGet(() -> askPassword(add.address()));
            JsonNode account = parse(check(client.addAccount(add.address(), password)));
            out.println("user " + account.path("address").asText(add.address()) + " added (id "
                    + account.path("id").asText("?") + ")");
        } else if (invocation instanceof Invocation.UserList list) {
            for (JsonNode account : array(check(client.listAccounts()))) {
                String domain = account.path("domain").asText();
                if (list.domain().map(d -> d.equalsIgnoreCase(domain)).orElse(true)) {
                    out.printf("%-40s id %-8s %s%n", account.path("address").asText(), account.path("id").asText(),
                            account.path("enabled").asBoolean(true) ? "enabled" : "disabled");
                }
            }
        } else if (invocation instanceof Invocation.UserPasswd passwd) {
            String password = passwd.password().orElseGet(() -> askPassword(passwd.address()));
            check(client.changePassword(passwd.address(), password));
            out.println("password of " + passwd.address() + " changed");
        } else if (invocation instanceof Invocation.AliasAdd add) {
            check(client.addAlias(add.address(), add.targets()));
            out.println("alias " + add.address() + " -> " + String.join(", ", add.targets()) + " added");
        } else if (invocation instanceof Invocation.AliasList) {
            for (JsonNode alias : array(check(client.listAliases()))) {
                List<String> targets = new ArrayList<>();
                alias.path("targets").forEach(t -> targets.add(t.asText()));
                out.println(alias.path("address").asText() + " -> " + String.join(", ", targets));
            }
        } else {
            throw new IllegalArgumentException("not an admin command: " + invocation);
        }
        return 0;
    }

    /** A TXT record's text in zone-file form: quoted strings of at most 255 characters (RFC 1035 §3.3.14). */
    static String txt(String text) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add("\"" + text.substring(i, Math.min(text.length(), i + 255)) + "\"");
        }
        return String.join(" ", strings);
    }

    /** The id of the account {@code address} (any case). */
    public long accountId(String address) {
        for (JsonNode account : array(check(client.listAccounts()))) {
            if (account.path("address").asText().equalsIgnoreCase(address)) {
                return account.path("id").asLong();
            }
        }
        throw new AdminFailure("no account " + address);
    }

    /** The body of a successful response; otherwise the server's own error message as the failure. */
    private static String check(AdminClient.Response response) {
        if (response.ok()) {
            return response.body();
        }
        String message = Optional.ofNullable(parseQuietly(response.body()))
                .map(json -> json.path("error").asText(null))
                .orElse(response.body() == null || response.body().isBlank() ? "no details" : response.body().strip());
        if (response.status() == 401) {
            message = "the admin API refused the token (" + message + ")";
        }
        throw new AdminFailure(message);
    }

    private static JsonNode parse(String body) {
        JsonNode node = parseQuietly(body);
        if (node == null) {
            throw new AdminFailure("the admin API answered something that is not JSON");
        }
        return node;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Iterable<JsonNode> array(String body) {
        JsonNode node = parse(body);
        if (!node.isArray()) {
            throw new AdminFailure("the admin API answered an unexpected document");
        }
        return node;
    }

    private static String askPassword(String address) {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password for %s: ", address);
            char[] again = console.readPassword("again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new AdminFailure("the passwords differ");
            }
            return new String(first);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new AdminFailure("no password given (use --password or type it on standard input)");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API said no; the message is for the user. */
    public static final class AdminFailure extends RuntimeException {
        public AdminFailure(String message) {
            super(message);
        }
    }
}
