package io.fraudstream.txgen.cli;

/**
 * A sending rate: records per second, or as fast as possible ({@code max}).
 *
 * @param perSecond records per second; 0 for as fast as possible
 */
public record Rate(double perSecond) {

    public static final Rate MAX = new Rate(0);

    public boolean max() {
        return perSecond == 0;
    }

    /** Parses {@code max} or a positive number such as {@code 5000}, {@code 100k}. */
    public static Rate parse(String text) {
        if (text.strip().equalsIgnoreCase("max")) {
            return MAX;
        }
        return new Rate(Quantities.positive(text, "a rate (records per second, or max)"));
    }

    @Override
    public String toString() {
        return max() ? "max" : String.format("%,.0f/s", perSecond);
    }
}
