package io.mailserver.mailctl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Parses {@code mailctl} arguments. Deliberately small: a handful of verbs with positional arguments and a few options. */
public final class CommandLine {

    public static final String USAGE = """
            usage: mailctl <command> [arguments]

              up [--hostname NAME]              start PostgreSQL, Kafka and all six services (Ctrl-C stops)
              down                              stop a running 'mailctl up'
              status                            health of every part of the local system

              domain add NAME                   host mail for a domain
              domain list
              domain dkim NAME                  the DKIM record to publish for a domain (the key is made once)
              user add ADDRESS [--password P]   create an account (asks for the password if not given)
              user list [--domain NAME]
              user passwd ADDRESS [--password P]
              alias add ADDRESS TARGET...       deliver mail for ADDRESS to accounts here, forward to others
              alias list
              quota show ADDRESS                storage and message use and limits of an account
              quota set ADDRESS [--storage SIZE] [--messages N]
                                                its own limits (SIZE like 500M or 2G, 0 = no limit);
                                                a limit not given follows mail.storage.quota.*
              queue list [--domain NAME]        outbound queue entries (one per message and domain)
              queue show ID                     one entry: envelope, recipients, attempts, last error
              queue retry ID|--all              try now instead of at the next scheduled attempt
              queue delete ID                   remove an entry; no bounce is sent

            environment: MAILCTL_DATA (default ./data), MAILCTL_ADMIN_URL (default http://127.0.0.1:8080),
                         MAILCTL_ADMIN_TOKEN (default: the token 'mailctl up' keeps in the data directory),
                         MAILCTL_STORAGE_GRPC (default 127.0.0.1:9091; reached as the data directory's
                         'mailctl' identity)""";

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
            case "quota" -> quota(words);
            case "queue" -> queue(words);
            default -> throw new UsageException("unknown command '" + verb + "' (try 'mailctl help')");
        };
    }

    private static Invocation domain(List<String> words) {
        String sub = subcommand(words, "domain", "add|list|dkim");
        return switch (sub) {
            case "add" -> new Invocation.DomainAdd(single(words, "domain add NAME"));
            case "list" -> noMore(words, new Invocation.DomainList());
            case "dkim" -> new Invocation.DomainDkim(single(words, "domain dkim NAME"));
            default -> throw new UsageException("unknown domain command '" + sub + "' (add, list, dkim)");
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

    private static Invocation quota(List<String> words) {
        String sub = subcommand(words, "quota", "show|set");
        return switch (sub) {
            case "show" -> new Invocation.QuotaShow(address(single(words, "quota show ADDRESS")));
            case "set" -> {
                OptionalLong storage = option(words, "--storage").map(v -> OptionalLong.of(size(v)))
                        .orElse(OptionalLong.empty());
                OptionalLong messages = option(words, "--messages").map(v -> OptionalLong.of(count(v)))
                        .orElse(OptionalLong.empty());
                String address = address(single(words, "quota set ADDRESS [--storage SIZE] [--messages N]"));
                yield new Invocation.QuotaSet(address, storage, messages);
            }
            default -> throw new UsageException("unknown quota command '" + sub + "' (show, set)");
        };
    }

    private static Invocation queue(List<String> words) {
        String sub = subcommand(words, "queue", "list|show|retry|delete");
        return switch (sub) {
            case "list" -> {
                Optional<String> domain = option(words, "--domain");
                yield noMore(words, new Invocation.QueueList(domain));
            }
            case "show" -> new Invocation.QueueShow(entryId(single(words, "queue show ID")));
            case "retry" -> {
                if (words.equals(List.of("--all"))) {
                    yield new Invocation.QueueRetry(OptionalLong.empty());
                }
                yield new Invocation.QueueRetry(OptionalLong.of(entryId(single(words, "queue retry ID|--all"))));
            }
            case "delete" -> new Invocation.QueueDelete(entryId(single(words, "queue delete ID")));
            default -> throw new UsageException("unknown queue command '" + sub + "' (list, show, retry, delete)");
        };
    }

    private static long entryId(String value) {
        long id = count(value);
        if (id == 0) {
            throw new UsageException("queue entry ids start at 1");
        }
        return id;
    }

    /** Octets: digits with an optional K, M, G or T (powers of 1024). */
    static long size(String value) {
        String text = value.trim().toUpperCase(java.util.Locale.ROOT);
        int unit = text.isEmpty() ? -1 : "KMGT".indexOf(text.charAt(text.length() - 1));
        if (unit >= 0) {
            text = text.substring(0, text.length() - 1);
        }
        long number = count(text);
        long multiplier = unit < 0 ? 1 : 1L << (10 * (unit + 1));
        if (number > Long.MAX_VALUE / multiplier) {
            throw new UsageException("'" + value + "' is too large");
        }
        return number * multiplier;
    }

    private static long count(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("'" + value + "' is not a number");
        }
        return Long.parseLong(value);
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
