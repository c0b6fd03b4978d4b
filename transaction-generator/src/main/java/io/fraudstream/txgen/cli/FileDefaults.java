package io.fraudstream.txgen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.ConfigTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a YAML file in the one configuration dialect ({@link ConfigTree}): a section
 * per command, its kebab-case keys the command's long option names ({@code generate: {rate: 5000,
 * duration: 10 min}}). The command line wins over the file, the file over the built-in defaults.
 * Every key is checked against the commands' options when the file is read, so a typo fails before
 * anything runs, naming the key.
 */
public final class FileDefaults implements IDefaultValueProvider {

    private final JsonNode tree;

    private FileDefaults(JsonNode tree) {
        this.tree = tree;
    }

    /**
     * Reads {@code file} and checks it against the subcommands of {@code root}.
     *
     * @throws ConfigException naming the first key that is not an option of its command, or a value
     *     that is not a single value
     */
    public static FileDefaults read(Path file, CommandLine root) {
        JsonNode tree = ConfigTree.read(file);
        Map<String, CommandLine> commands = root.getSubcommands();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            CommandLine command = commands.get(section.getKey());
            if (command == null) {
                throw new ConfigException(
                        section.getKey(),
                        "not a command (known: " + String.join(", ", commands.keySet()) + ")");
            }
            if (!section.getValue().isObject()) {
                throw new ConfigException(
                        section.getKey(), "must be a mapping of the command's options");
            }
            CommandSpec spec = command.getCommandSpec();
            for (Iterator<Map.Entry<String, JsonNode>> options = section.getValue().fields();
                    options.hasNext(); ) {
                Map.Entry<String, JsonNode> option = options.next();
                String key = section.getKey() + "." + option.getKey();
                OptionSpec known = spec.findOption("--" + option.getKey());
                if (known == null || known.usageHelp() || known.versionHelp()) {
                    throw new ConfigException(
                            key,
                            "not an option of "
                                    + section.getKey()
                                    + " (known: "
                                    + names(spec)
                                    + ")");
                }
                if (!option.getValue().isValueNode()) {
                    throw new ConfigException(
                            key,
                            "must be a single value; give lists and KEY=VALUE properties on the"
                                    + " command line");
                }
            }
        }
        return new FileDefaults(tree);
    }

    private static String names(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                names.add(option.longestName().replaceFirst("^--?", ""));
            }
        }
        return String.join(", ", names);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.command() == null) {
            return null;
        }
        JsonNode value =
                tree.path(option.command().name())
                        .path(option.longestName().replaceFirst("^--?", ""));
        return value.isValueNode() ? value.asText() : null;
    }
}
