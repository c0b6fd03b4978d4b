package io.fraudstream.txgen.sim;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns a valid transaction into a record the job must send to its dead-letter topic: the kinds of
 * damage seen from real producers (cut-off JSON, a missing or mistyped field, a value out of range,
 * not JSON at all).
 */
final class BadRecords {

    /** The kinds of damage, each of which {@link TransactionCodec#decode} rejects. */
    enum Damage {
        TRUNCATED_JSON,
        MISSING_ACCOUNT_ID,
        NEGATIVE_AMOUNT,
        AMOUNT_NOT_A_NUMBER,
        UNKNOWN_CURRENCY,
        UNREADABLE_TIMESTAMP,
        NOT_JSON
    }

    private static final Damage[] DAMAGES = Damage.values();

    byte[] corrupt(Transaction valid, SplittableRandom random) {
        byte[] bytes = TransactionCodec.INSTANCE.encode(valid);
        Damage damage = DAMAGES[random.nextInt(DAMAGES.length)];
        if (damage == Damage.TRUNCATED_JSON) {
            int cut = bytes.length / 4 + random.nextInt(bytes.length * 3 / 4 - 1);
            return Arrays.copyOf(bytes, cut);
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        String amount = "\"amount\":\"" + valid.amount().toPlainString() + "\"";
        String damaged =
                switch (damage) {
                    case MISSING_ACCOUNT_ID ->
                            json.replace("\"accountId\":\"" + valid.accountId() + "\",", "");
                    case NEGATIVE_AMOUNT ->
                            json.replace(
                                    amount,
                                    "\"amount\":\"-" + valid.amount().toPlainString() + "\"");
                    case AMOUNT_NOT_A_NUMBER -> json.replace(amount, "\"amount\":true");
                    case UNKNOWN_CURRENCY ->
                            json.replace(
                                    "\"currency\":\"" + valid.currency() + "\"",
                                    "\"currency\":\"" + valid.currency() + "O\"");
                    case UNREADABLE_TIMESTAMP ->
                            json.replace(
                                    "\"timestamp\":\"" + valid.timestamp() + "\"",
                                    "\"timestamp\":\"yesterday\"");
                    case NOT_JSON ->
                            valid.accountId()
                                    + ';'
                                    + valid.amount().toPlainString()
                                    + ';'
                                    + valid.currency();
                    case TRUNCATED_JSON -> throw new AssertionError("handled above");
                };
        return damaged.getBytes(StandardCharsets.UTF_8);
    }
}
