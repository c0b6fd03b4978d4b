package io.fraudstream.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Derives hostile inputs from valid encodings: random bytes, JSON-like token soup, bit flips,
 * insertions, deletions, truncations, splices of two records, and values swapped for long, deep or
 * odd ones. Deterministic for a given {@link Random}.
 */
final class Mutator {

    /** Values a real producer might get wrong, or an attacker might try. */
    private static final String[] ODD_VALUES = {
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-5",
        "1e999999999",
        "-1e-999999999",
        "1e99999999999",
        "1E400",
        "123456789012345678901234567890.1234567890123456789",
        "NaN",
        "-Infinity",
        "{}",
        "[]",
        "\"\"",
        "\"   \"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-1\"",
        "\"1e-30\"",
        "\"12,50\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"\\udc00\\ud800\"",
        "\"\\ud83d\\ude00\"",
        "\"😀日本\"",
        "\"\\\"\"",
        "\"EURO\"",
        "\"eur\"",
        "\"de\"",
        "\"0742\"",
        "\"pos\"",
        "\"analyst\"",
        "\"ANALYST\"",
        "\"FLAG\"",
        "\"2026-11-26T18:30:04+01:00\"",
        "\"9999-12-31T23:59:59.999999999-18:00\"",
        "\"0000-01-01T00:00:00+00:01\"",
        "\"2026-02-29T00:00:00Z\"",
        "\"yesterday\"",
        "\"AAAA\"",
        "\"!!!!\"",
        "[\"t-1\",null]",
        "[{}]",
        "[{\"detector\":\"d\"}]",
        "{\"a\":[1,{\"b\":null}]}",
        "2147483648",
        "-9223372036854775809",
        "9223372036854775807",
        "0.1e1",
        "01",
        "1.",
        ".5",
        "1E+3",
        "\"2.5e2\"",
        "12.50e-1",
        "\"0e-5\"",
        "5e-19",
    };

    private static final String[] TOKENS = {
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        " ",
        "\n",
        "\\",
        "\\u",
        "\\ud800",
        "null",
        "true",
        "-",
        "0",
        "1",
        ".",
        "e",
        "E",
        "+",
        "\"amount\"",
        "\"transactionId\"",
        "\"accountId\"",
        "\"timestamp\"",
        "\"currency\"",
        "\"lat\"",
        "\"lon\"",
        "\"reasons\"",
        "\"payload\"",
        "\"score\"",
        "\"source\"",
        "\"t-1\"",
        "\"EUR\"",
        "\"2026-11-26T17:30:04Z\"",
        "é",
        "😀",
        "\uFEFF",
        "/*",
        "'",
        "NaN",
    };

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    /** One hostile input, derived from {@code valid} or {@code other} or from nothing. */
    byte[] next(byte[] valid, byte[] other) {
        int strategy = random.nextInt(100);
        if (strategy < 8) {
            return randomBytes(random.nextInt(300));
        }
        if (strategy < 16) {
            return tokenSoup();
        }
        if (strategy < 26) {
            return splice(valid, other);
        }
        if (strategy < 46) {
            return replaceValue(valid);
        }
        byte[] mutated = valid;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            mutated = mutateBytes(mutated);
        }
        return mutated;
    }

    private byte[] mutateBytes(byte[] input) {
        if (input.length == 0) {
            return randomBytes(1 + random.nextInt(8));
        }
        int at = random.nextInt(input.length);
        byte[] copy = input.clone();
        switch (random.nextInt(7)) {
            case 0 -> copy[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> copy[at] = (byte) random.nextInt(256);
            case 2 -> {
                return insert(input, at, randomBytes(1 + random.nextInt(4)));
            }
            case 3 -> {
                return delete(input, at, 1 + random.nextInt(Math.min(16, input.length - at)));
            }
            case 4 -> {
                return slice(input, 0, at);
            }
            case 5 -> {
                int length = 1 + random.nextInt(Math.min(32, input.length - at));
                return insert(input, at, slice(input, at, at + length));
            }
            default -> {
                return insert(input, at, token().getBytes(UTF_8));
            }
        }
        return copy;
    }

    /** Swaps the value after a random colon for an odd, long or deeply nested one. */
    private byte[] replaceValue(byte[] input) {
        String json = new String(input, UTF_8);
        int colon = json.indexOf(':', random.nextInt(Math.max(1, json.length())));
        if (colon < 0) {
            colon = json.indexOf(':');
        }
        if (colon < 0) {
            return mutateBytes(input);
        }
        int end = valueEnd(json, colon + 1);
        String value =
                switch (random.nextInt(6)) {
                    case 0 -> "\"" + "x".repeat(random.nextInt(2000)) + "\"";
                    case 1 -> {
                        int depth = 1 + random.nextInt(64);
                        yield "[".repeat(depth) + "]".repeat(depth);
                    }
                    case 2 -> "{\"a\":".repeat(20) + "1" + "}".repeat(20);
                    case 3 -> "1" + "0".repeat(random.nextInt(200));
                    default -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                };
        return (json.substring(0, colon + 1) + value + json.substring(end)).getBytes(UTF_8);
    }

    /** Where the scalar, string or bracketed value starting at {@code from} ends (roughly). */
    private static int valueEnd(String json, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    private byte[] splice(byte[] first, byte[] second) {
        int cut1 = random.nextInt(first.length + 1);
        int cut2 = random.nextInt(second.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first, 0, cut1);
        out.write(second, cut2, second.length - cut2);
        return out.toByteArray();
    }

    private byte[] tokenSoup() {
        StringBuilder soup = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
            soup.append(
                    random.nextInt(4) == 0
                            ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                            : token());
        }
        return soup.toString().getBytes(UTF_8);
    }

    private String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] insert(byte[] input, int at, byte[] inserted) {
        byte[] out = new byte[input.length + inserted.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(input, at, out, at + inserted.length, input.length - at);
        return out;
    }

    private static byte[] delete(byte[] input, int at, int length) {
        byte[] out = new byte[input.length - length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(input, at + length, out, at, input.length - at - length);
        return out;
    }

    private static byte[] slice(byte[] input, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(input, from, out, 0, to - from);
        return out;
    }
}
