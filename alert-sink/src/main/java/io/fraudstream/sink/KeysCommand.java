package io.fraudstream.sink;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.sink.keys.ApiKeys;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyChange;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.store.StoredKey;
import io.fraudstream.sink.store.Transition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/alert-sink keys}: creates, lists and revokes the named API keys in the database the
 * service uses (the configured {@code store.url}, or {@code --db}), so it works whether the service
 * runs or not. What it does is in the audit log under {@code cli:<user>}.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description =
                "Manages the named API keys (create, list, revoke) in the service's database.",
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.ListKeys.class,
            KeysCommand.Revoke.class
        })
final class KeysCommand implements Runnable {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            scope = CommandLine.ScopeType.INHERIT,
            description =
                    "Configuration file whose store.url is used (default: conf/alert-sink.yaml"
                            + " under the fraudstream home, if present).")
    Path config;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Database (default: store.url of the configuration).")
    String db;

    /** {@code alert-sink --db URL keys ...}: the service's own options, given before the word. */
    @CommandLine.ParentCommand AlertSinkMain service;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "keys: say create, list or revoke");
    }

    /** Runs the work on the key store, with the errors of a command: exit 2 for configuration. */
    private int withKeys(CommandLine cli, Function<ApiKeys, Integer> work) {
        PrintWriter err = cli.getErr();
        SinkConfig sinkConfig;
        try {
            String url = db != null ? db : service == null ? null : service.db;
            Path file = config != null ? config : service == null ? null : service.config;
            Map<String, String> overrides =
                    url == null ? Map.of() : Map.of(ConfigLoader.STORE_URL, url);
            sinkConfig =
                    ConfigLoader.load(
                            AlertSinkMain.configFile(file),
                            overrides,
                            System.getenv(),
                            AlertSinkMain.home(),
                            false);
        } catch (ConfigException e) {
            err.println("alert-sink keys: " + e.getMessage());
            err.flush();
            return 2;
        }
        try (Database database =
                Database.open(sinkConfig.store().url(), 2, sinkConfig.store().password())) {
            // the configured token is not needed here: this command holds the database itself
            return work.apply(
                    new ApiKeys(
                            new KeyStore(database, Clock.systemUTC()), null, Clock.systemUTC()));
        } catch (RuntimeException e) {
            err.println("alert-sink keys: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Who acts from the command line, for the audit log. */
    private static Actor cliUser() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), Role.ADMIN);
    }

    /** Reads {@code --role read|review|admin}. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The roles, for the usage text. */
    static final class Roles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Role.values()).map(Role::wireName).iterator();
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description =
                    "Creates a key and prints it on stdout, once: only its hash is stored, so"
                            + " keep it now.")
    static final class Create implements Callable<Integer> {

        @CommandLine.ParentCommand KeysCommand parent;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(
                paramLabel = "NAME",
                description = "Who or what holds the key: a-z 0-9 . _ -, at most 64.")
        String name;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                converter = RoleConverter.class,
                completionCandidates = Roles.class,
                description =
                        "read (lists, details, the stream), review (also acknowledge, verdicts,"
                                + " cases) or admin (also keys and the audit log): ${COMPLETION-CANDIDATES}.")
        Role role;

        @Override
        public Integer call() {
            try {
                ApiKeys.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "NAME: " + e.getMessage());
            }
            CommandLine cli = spec.commandLine();
            return parent.withKeys(
                    cli,
                    keys -> {
                        Optional<ApiKeys.NewKey> created = keys.create(name, role, cliUser());
                        if (created.isEmpty()) {
                            cli.getErr()
                                    .println(
                                            "alert-sink keys: a key named "
                                                    + name
                                                    + " exists (revoked keys keep their names);"
                                                    + " choose another name");
                            cli.getErr().flush();
                            return 1;
                        }
                        cli.getErr()
                                .println(
                                        "alert-sink keys: created "
                                                + name
                                                + " (role "
                                                + role.wireName()
                                                + "); the key below is shown only now:");
                        cli.getErr().flush();
                        cli.getOut().println(created.get().key().text());
                        cli.getOut().flush();
                        return 0;
                    });
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Lists the keys: name, role, created, last used, revoked (never the key).")
    static final class ListKeys implements Callable<Integer> {

        @CommandLine.ParentCommand KeysCommand parent;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cli = spec.commandLine();
            return parent.withKeys(
                    cli,
                    keys -> {
                        List<StoredKey> all = keys.list();
                        PrintWriter out = cli.getOut();
                        String format = "%-24s %-7s %-21s %-21s %s%n";
                        out.printf(format, "NAME", "ROLE", "CREATED", "LAST USED", "REVOKED");
                        for (StoredKey k : all) {
                            out.printf(
                                    format,
                                    k.name(),
                                    k.role().wireName(),
                                    minute(k.createdAt()),
                                    minute(k.lastUsedAt()),
                                    k.revoked()
                                            ? minute(k.revokedAt()) + " by " + k.revokedBy()
                                            : "-");
                        }
                        out.flush();
                        return 0;
                    });
        }

        private static String minute(Instant instant) {
            return instant == null ? "-" : instant.truncatedTo(ChronoUnit.MINUTES).toString();
        }
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description =
                    "Revokes a key for good: the service refuses it from the next request on, and"
                            + " closes its live streams.")
    static final class Revoke implements Callable<Integer> {

        @CommandLine.ParentCommand KeysCommand parent;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The key's name.")
        String name;

        @Override
        public Integer call() {
            CommandLine cli = spec.commandLine();
            return parent.withKeys(
                    cli,
                    keys -> {
                        KeyChange change = keys.revoke(name, cliUser());
                        String message =
                                switch (change.outcome()) {
                                    case DONE -> "revoked " + name;
                                    case NOT_FOUND -> "no key named " + name;
                                    case CONFLICT -> name + " was already revoked";
                                };
                        PrintWriter stream =
                                change.outcome() == Transition.Outcome.DONE
                                        ? cli.getOut()
                                        : cli.getErr();
                        stream.println("alert-sink keys: " + message);
                        stream.flush();
                        return change.outcome() == Transition.Outcome.DONE ? 0 : 1;
                    });
        }
    }
}
