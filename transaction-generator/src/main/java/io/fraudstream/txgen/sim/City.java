package io.fraudstream.txgen.sim;

import java.util.List;

/**
 * A place where cards are used: cardholders live in the European cities ({@code residents > 0});
 * the others are destinations of trips and of cloned cards.
 *
 * @param name for people reading the code
 * @param country ISO 3166 alpha-2
 * @param lat centre latitude
 * @param lon centre longitude
 * @param residents relative share of cardholders living there; 0 for destinations only
 */
record City(String name, String country, double lat, double lon, double residents) {

    /** Radius around the centre in which homes and terminals lie; larger for larger cities. */
    double radiusKm() {
        return 8 + 12 * Math.sqrt(Math.max(residents, 0.3) / 4);
    }

    boolean home() {
        return residents > 0;
    }

    static final List<City> ALL =
            List.of(
                    new City("Berlin", "DE", 52.520, 13.405, 3.6),
                    new City("Hamburg", "DE", 53.551, 9.994, 1.8),
                    new City("Munich", "DE", 48.137, 11.575, 1.5),
                    new City("Cologne", "DE", 50.938, 6.960, 1.1),
                    new City("Frankfurt", "DE", 50.110, 8.682, 0.8),
                    new City("Paris", "FR", 48.857, 2.352, 4.0),
                    new City("Lyon", "FR", 45.764, 4.836, 1.0),
                    new City("Marseille", "FR", 43.297, 5.370, 0.9),
                    new City("Toulouse", "FR", 43.605, 1.444, 0.6),
                    new City("Madrid", "ES", 40.417, -3.704, 3.3),
                    new City("Barcelona", "ES", 41.387, 2.170, 1.6),
                    new City("Valencia", "ES", 39.470, -0.376, 0.8),
                    new City("Rome", "IT", 41.903, 12.496, 2.8),
                    new City("Milan", "IT", 45.464, 9.190, 1.4),
                    new City("Naples", "IT", 40.852, 14.268, 0.9),
                    new City("Amsterdam", "NL", 52.368, 4.904, 0.9),
                    new City("Rotterdam", "NL", 51.924, 4.478, 0.6),
                    new City("Brussels", "BE", 50.850, 4.352, 1.2),
                    new City("Antwerp", "BE", 51.219, 4.402, 0.5),
                    new City("Vienna", "AT", 48.208, 16.373, 1.9),
                    new City("Zurich", "CH", 47.377, 8.541, 0.4),
                    new City("Warsaw", "PL", 52.230, 21.012, 1.8),
                    new City("Krakow", "PL", 50.065, 19.945, 0.8),
                    new City("Prague", "CZ", 50.076, 14.438, 1.3),
                    new City("Lisbon", "PT", 38.722, -9.139, 0.5),
                    new City("Porto", "PT", 41.158, -8.629, 0.3),
                    new City("Dublin", "IE", 53.350, -6.260, 0.6),
                    new City("Copenhagen", "DK", 55.676, 12.568, 0.6),
                    new City("Stockholm", "SE", 59.329, 18.069, 1.0),
                    new City("London", "GB", 51.507, -0.128, 3.0),
                    new City("Luxembourg", "LU", 49.612, 6.130, 0.1),
                    new City("Athens", "GR", 37.984, 23.728, 0.7),
                    new City("Bucharest", "RO", 44.427, 26.103, 0),
                    new City("Kyiv", "UA", 50.450, 30.523, 0),
                    new City("Istanbul", "TR", 41.008, 28.978, 0),
                    new City("Reykjavik", "IS", 64.147, -21.942, 0),
                    new City("Tel Aviv", "IL", 32.085, 34.782, 0),
                    new City("Cairo", "EG", 30.044, 31.236, 0),
                    new City("Casablanca", "MA", 33.573, -7.590, 0),
                    new City("Lagos", "NG", 6.524, 3.379, 0),
                    new City("Johannesburg", "ZA", -26.204, 28.047, 0),
                    new City("Dubai", "AE", 25.205, 55.271, 0),
                    new City("Mumbai", "IN", 19.076, 72.878, 0),
                    new City("Bangkok", "TH", 13.756, 100.502, 0),
                    new City("Singapore", "SG", 1.352, 103.820, 0),
                    new City("Tokyo", "JP", 35.676, 139.650, 0),
                    new City("New York", "US", 40.713, -74.006, 0),
                    new City("Miami", "US", 25.762, -80.192, 0),
                    new City("Toronto", "CA", 43.653, -79.383, 0),
                    new City("Mexico City", "MX", 19.433, -99.133, 0),
                    new City("Sao Paulo", "BR", -23.551, -46.633, 0));
}
