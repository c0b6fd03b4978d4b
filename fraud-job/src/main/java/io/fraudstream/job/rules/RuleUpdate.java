package io.fraudstream.job.rules;

import java.nio.charset.StandardCharsets;

/**
 * One rule update as received, before validation: from the rules topic (key = rule id, a null value
 * deletes) or from a rule file read at start. A Flink POJO.
 */
public class RuleUpdate {

    /** Longest key kept: rule ids are at most 64 characters, so anything longer is refused. */
    static final int MAX_KEY_CHARS = 256;

    /** The record key (the rule id it claims), "" when the record had none. */
    public String key;

    /** The rule JSON; null for a tombstone. */
    public String json;

    /** Why the record could not even be read (too large); null when it could. */
    public String problem;

    /** Whether it came from a rule file at start (a file never overrides what the topic said). */
    public boolean file;

    public RuleUpdate() {}

    /** A rule file's rule, under its id. */
    public static RuleUpdate file(String id, String json) {
        RuleUpdate update = new RuleUpdate();
        update.key = id;
        update.json = json;
        update.file = true;
        return update;
    }

    /** The stand-in when there are no rule files: it changes nothing. */
    public static RuleUpdate none() {
        RuleUpdate update = new RuleUpdate();
        update.key = "";
        update.file = true;
        return update;
    }

    /** A record of the rules topic, cut and marked when it is larger than a rule can be. */
    public static RuleUpdate record(byte[] key, byte[] value, int maxBytes) {
        RuleUpdate update = new RuleUpdate();
        String k = key == null ? "" : new String(key, StandardCharsets.UTF_8);
        update.key = k.length() > MAX_KEY_CHARS ? k.substring(0, MAX_KEY_CHARS) : k;
        if (value != null) {
            if (value.length > maxBytes) {
                update.problem =
                        "rule: larger than " + maxBytes + " bytes, was " + value.length + " bytes";
                update.json = "";
            } else {
                update.json = new String(value, StandardCharsets.UTF_8);
            }
        }
        return update;
    }
}
