package io.fraudstream.txgen.replay;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The committed replay fixtures: {@code handbook-sample.csv} (and its gzip twin) holds 206 data
 * lines of the handbook's CSV in time order, two of them malformed (line 62: amount "12.5O"; line
 * 123: three fields), so 204 transactions; 24 of them fraud, 8 per handbook scenario, dated April 1
 * to 15 while the last transaction is on May 26.
 */
public final class ReplaySamples {

    private ReplaySamples() {}

    public static Path path(String name) {
        try {
            return Path.of(ReplaySamples.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
