package io.fraudstream.stack;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.DeadLetter;
import io.fraudstream.events.DeadLetterCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What a chaos scenario finds on a topic, read from the beginning to its end offsets with {@code
 * read_committed} (what the alert-sink reads): the alerts by id, every score's transaction, the
 * dead letters by source position. Scores are kept as sorted 64-bit hashes of the transaction id,
 * so a million of them cost 8 MB.
 */
final class ChaosTally {

    /** Transaction ids of the suite's end-of-replay records, left out of every count. */
    static final String SENTINEL_PREFIX = "chaos-end-";

    private ChaosTally() {}

    /** The alerts of a topic: how many records carry each id, and the ids of BLOCK alerts. */
    record Alerts(Map<String, Integer> records, Set<String> blocks, long total) {
        Set<String> ids() {
            return records.keySet();
        }
    }

    /** The scores of a topic: sorted distinct transaction hashes, and how many records. */
    record Scores(long[] distinct, long total, long withFeatures) {}

    static Alerts alerts(String bootstrap, String topic) {
        Map<String, Integer> records = new HashMap<>();
        Set<String> blocks = new HashSet<>();
        long[] total = {0};
        KafkaTopics.readAll(
                bootstrap,
                topic,
                record -> {
                    total[0]++;
                    try {
                        Alert alert = AlertCodec.INSTANCE.decode(record.value());
                        if (alert.transactionId().startsWith(SENTINEL_PREFIX)) {
                            return;
                        }
                        records.merge(alert.alertId(), 1, Integer::sum);
                        if (alert.action() == Alert.Action.BLOCK) {
                            blocks.add(alert.alertId());
                        }
                    } catch (InvalidEventException e) {
                        records.merge("undecodable@" + record.offset(), 1, Integer::sum);
                    }
                });
        return new Alerts(records, blocks, total[0]);
    }

    /** A topic's scores, and the same split at {@code split} (end offsets by partition). */
    record SplitScores(Scores all, Scores before, Scores after) {}

    static Scores scores(String bootstrap, String topic) {
        return scores(bootstrap, topic, Map.of()).all();
    }

    /**
     * The scores of a topic in one pass: all of them, those before {@code split} (offsets by
     * partition; a partition it does not name counts as before) and those from it on.
     */
    static SplitScores scores(String bootstrap, String topic, Map<TopicPartition, Long> split) {
        HashList before = new HashList();
        HashList after = new HashList();
        KafkaTopics.readAll(
                bootstrap,
                topic,
                record -> {
                    TransactionScore score;
                    try {
                        score = TransactionScoreCodec.INSTANCE.decode(record.value());
                    } catch (InvalidEventException e) {
                        return;
                    }
                    if (score.transactionId().startsWith(SENTINEL_PREFIX)) {
                        return;
                    }
                    long at =
                            split.getOrDefault(
                                    new TopicPartition(record.topic(), record.partition()),
                                    Long.MAX_VALUE);
                    (record.offset() < at ? before : after)
                            .add(
                                    hash(score.transactionId()),
                                    score.features() != null && !score.features().isEmpty());
                });
        HashList all = new HashList();
        all.addAll(before);
        all.addAll(after);
        return new SplitScores(all.scores(), before.scores(), after.scores());
    }

    /** A growable list of transaction hashes and how many carried features. */
    private static final class HashList {
        private long[] hashes = new long[1 << 16];
        private int n;
        private long features;

        void add(long hash, boolean withFeatures) {
            if (n == hashes.length) {
                hashes = Arrays.copyOf(hashes, n * 2);
            }
            hashes[n++] = hash;
            features += withFeatures ? 1 : 0;
        }

        void addAll(HashList other) {
            for (int i = 0; i < other.n; i++) {
                add(other.hashes[i], false);
            }
            features += other.features;
        }

        Scores scores() {
            long[] sorted = Arrays.copyOf(hashes, n);
            Arrays.sort(sorted);
            return new Scores(distinct(sorted), n, features);
        }
    }

    /**
     * The reasons of a topic's dead letters by the source position they name ({@code p@offset}).
     */
    static Map<String, String> deadLetterReasons(String bootstrap, String topic) {
        Map<String, String> reasons = new HashMap<>();
        KafkaTopics.readAll(
                bootstrap,
                topic,
                record -> {
                    try {
                        DeadLetter letter = DeadLetterCodec.INSTANCE.decode(record.value());
                        reasons.put(
                                letter.sourcePartition() + "@" + letter.sourceOffset(),
                                letter.reason());
                    } catch (InvalidEventException e) {
                        reasons.put("undecodable@" + record.offset(), e.getMessage());
                    }
                });
        return reasons;
    }

    /** A 64-bit hash of an id (FNV-1a, then a splitmix64 finaliser). */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** Elements of sorted distinct {@code a} missing from sorted distinct {@code b}. */
    static long missing(long[] a, long[] b) {
        long count = 0;
        int j = 0;
        for (long x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j == b.length || b[j] != x) {
                count++;
            }
        }
        return count;
    }

    /** Elements of {@code a} missing from {@code b}. */
    static long missing(Collection<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).count();
    }
}
