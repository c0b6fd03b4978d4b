package io.fraudstream.txgen.sim;

/** Great-circle distances and small offsets on the globe. */
public final class Geo {

    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double KM_PER_DEGREE_LAT = 111.32;

    private Geo() {}

    /** Haversine distance in kilometres between two points given in degrees. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.sin(dLon / 2)
                                * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /**
     * Distance in kilometres by the equirectangular approximation: within 0.1 % of {@link
     * #distanceKm} over a city, and many times cheaper (no inverse trigonometry), for ranking
     * nearby places.
     */
    static double nearbyKm(double lat1, double lon1, double lat2, double lon2) {
        double x = (lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double y = lat2 - lat1;
        return KM_PER_DEGREE_LAT * Math.sqrt(x * x + y * y);
    }

    /**
     * Latitude {@code km} kilometres north ({@code bearing} 0) or along {@code bearing} radians.
     */
    static double offsetLat(double lat, double km, double bearing) {
        return lat + km * Math.cos(bearing) / KM_PER_DEGREE_LAT;
    }

    static double offsetLon(double lat, double lon, double km, double bearing) {
        return lon + km * Math.sin(bearing) / (KM_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)));
    }

    /** Rounds a coordinate to 5 decimals (about a metre): what a terminal registry holds. */
    static double round5(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }
}
