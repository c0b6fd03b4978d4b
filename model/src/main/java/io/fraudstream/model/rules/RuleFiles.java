package io.fraudstream.model.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Rule files as the CLI takes them: files, or directories of {@code *.json}, in name order. */
public final class RuleFiles {

    /** A valid rule and the document it came from. */
    public record Loaded(Path file, Rule rule, String json) {}

    private RuleFiles() {}

    /**
     * Reads and validates every rule; each problem (unreadable file, invalid rule, an id in two
     * files, no rule files at all) is added to {@code problems} as {@code file: field: message}.
     */
    public static List<Loaded> read(List<Path> paths, List<String> problems) {
        List<Loaded> rules = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path file : files(paths, problems)) {
            try {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                Rule rule = RuleParser.parse(json);
                Path other = ids.putIfAbsent(rule.id(), file);
                if (other != null) {
                    problems.add(file + ": id: " + rule.id() + " is also in " + other);
                } else {
                    rules.add(new Loaded(file, rule, json));
                }
            } catch (RuleException e) {
                problems.add(file + ": " + e.getMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e);
            }
        }
        return rules;
    }

    private static List<Path> files(List<Path> paths, List<String> problems) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> listing = Files.list(p)) {
                    listing.filter(f -> f.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    problems.add(p + ": cannot list: " + e);
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("no rule files (*.json) in " + paths);
        }
        return files;
    }
}
