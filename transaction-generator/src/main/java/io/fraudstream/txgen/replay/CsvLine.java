package io.fraudstream.txgen.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: separated by the delimiter, optionally in double quotes with
 * {@code ""} for a quote inside (RFC 4180; fields do not span lines). Lines without quotes, such as
 * the handbook's, take the fast path.
 */
final class CsvLine {

    private CsvLine() {}

    /**
     * The fields of {@code line}.
     *
     * @throws IllegalArgumentException for an unterminated quoted field or text after a closing
     *     quote
     */
    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>(16);
        if (line.indexOf('"') < 0) {
            int start = 0;
            for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, start)) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
            fields.add(line.substring(start));
            return fields;
        }
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new IllegalArgumentException(
                            "text after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }
}
