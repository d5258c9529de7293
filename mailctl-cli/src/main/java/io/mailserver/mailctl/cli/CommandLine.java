package io.mailserver.mailctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses {@code mailctl} arguments. Deliberately small: a handful of verbs with positional arguments and a few options. */
public final class CommandLine {

    public static final String USAGE = """
            usage: mailctl <command> [arguments]

              up [--hostname NAME]              start PostgreSQL, Kafka and all six services (Ctrl-C stops)
              down                              stop a running 'mailctl up'
              status                            health of every part of the local system

              domain add NAME                   host mail for a domain
              domain list
              user add ADDRESS [--password P]   create an account (asks for the password if not given)
              user list [--domain NAME]
              user passwd ADDRESS [--password P]
              alias add ADDRESS TARGET...       deliver mail for ADDRESS to local accounts
              alias list

            environment: MAILCTL_DATA (default ./data), MAILCTL_ADMIN_URL (default http://127.0.0.1:8080),
                         MAILCTL_ADMIN_TOKEN (default: the token 'mailctl up' keeps in the data directory)""";

    private CommandLine() {
    }

    public static Invocation parse(String... args) {
        List<String> words = new ArrayList<>(List.of(args));
        if (words.isEmpty()) {
            throw new UsageException("no command given (try 'mailctl help')");
        }
        String verb = words.remove(0);
        return switch (verb) {
            case "up" -> new Invocation.Up(option(words, "--hostname").orElse("localhost"));
            case "down" -> noMore(words, new Invocation.Down());
            case "status" -> noMore(words, new Invocation.Status());
            case "help", "-h", "--help" -> new Invocation.Help();
            case "domain" -> domain(words);
            case "user" -> user(words);
            case "alias" -> alias(words);
            default -> throw new UsageException("unknown command '" + verb + "' (try 'mailctl help')");
        };
    }

    private static Invocation domain(List<String> words) {
        String sub = subcommand(words, "domain", "add|list");
        return switch (sub) {
            case "add" -> new Invocation.DomainAdd(single(words, "domain add NAME"));
            case "list" -> noMore(words, new Invocation.DomainList());
            default -> throw new UsageException("unknown domain command '" + sub + "' (add, list)");
        };
    }

    private static Invocation user(List<String> words) {
        String sub = subcommand(words, "user", "add|list|passwd");
        return switch (sub) {
            case "add" -> {
                Optional<String> password = option(words, "--password");
                yield new Invocation.UserAdd(address(single(words, "user add ADDRESS [--password P]")), password);
            }
            case "list" -> {
                Optional<String> domain = option(words, "--domain");
                yield noMore(words, new Invocation.UserList(domain));
            }
            case "passwd" -> {
                Optional<String> password = option(words, "--password");
                yield new Invocation.UserPasswd(address(single(words, "user passwd ADDRESS [--password P]")), password);
            }
            default -> throw new UsageException("unknown user command '" + sub + "' (add, list, passwd)");
        };
    }

    private static Invocation alias(List<String> words) {
        String sub = subcommand(words, "alias", "add|list");
        return switch (sub) {
            case "add" -> {
                rejectOptions(words);
                if (words.size() < 2) {
                    throw new UsageException("usage: mailctl alias add ADDRESS TARGET...");
                }
                String address = address(words.get(0));
                List<String> targets = words.subList(1, words.size()).stream().map(CommandLine::address).toList();
                yield new Invocation.AliasAdd(address, targets);
            }
            case "list" -> noMore(words, new Invocation.AliasList());
            default -> throw new UsageException("unknown alias command '" + sub + "' (add, list)");
        };
    }

    private static String subcommand(List<String> words, String verb, String choices) {
        if (words.isEmpty()) {
            throw new UsageException("usage: mailctl " + verb + " " + choices + " ...");
        }
        return words.remove(0);
    }

    /** Removes {@code --name VALUE} (or {@code --name=VALUE}) from the words. */
    private static Optional<String> option(List<String> words, String name) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals(name)) {
                if (i + 1 >= words.size()) {
                    throw new UsageException(name + " needs a value");
                }
                String value = words.get(i + 1);
                words.remove(i + 1);
                words.remove(i);
                return Optional.of(value);
            }
            if (word.startsWith(name + "=")) {
                words.remove(i);
                return Optional.of(word.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static String single(List<String> words, String usage) {
        rejectOptions(words);
        if (words.size() != 1) {
            throw new UsageException("usage: mailctl " + usage);
        }
        return words.get(0);
    }

    private static <T extends Invocation> T noMore(List<String> words, T invocation) {
        if (!words.isEmpty()) {
            throw new UsageException("unexpected argument '" + words.get(0) + "'");
        }
        return invocation;
    }

    private static void rejectOptions(List<String> words) {
        for (String word : words) {
            if (word.startsWith("--")) {
                throw new UsageException("unknown option '" + word + "'");
            }
        }
    }

    /** A light check only: the server decides what it accepts, this catches typos early. */
    private static String address(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("'" + value + "' is not a mail address (expected user@domain)");
        }
        return value;
    }
}
