package io.fraudstream.model.card;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Transaction;
import java.util.Locale;

/**
 * Two card-present transactions (POS or ATM, with coordinates) further apart than {@code
 * min-distance-km} at a speed above {@code max-speed-kmh}: the card cannot have travelled that
 * fast. Distance is great-circle (haversine).
 */
public final class ImpossibleTravelDetector implements Detector {

    private static final long serialVersionUID = 1L;
    public static final String NAME = "impossible-travel";
    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** Two transactions in the same second count as one second apart: speed stays finite. */
    private static final long MIN_ELAPSED_MS = 1000;

    private final double minDistanceKm;
    private final double maxSpeedKmh;
    private final double weight;

    public ImpossibleTravelDetector(DetectorSettings.ImpossibleTravel config) {
        this.minDistanceKm = config.minDistanceKm();
        this.maxSpeedKmh = config.maxSpeedKmh();
        this.weight = config.weight();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Detection evaluate(
            AccountState state, Transaction transaction, long time, double amount) {
        if (!transaction.cardPresent() || !transaction.hasLocation()) {
            return null;
        }
        double lat = transaction.lat();
        double lon = transaction.lon();
        Detection detection = null;
        if (state.lastPresentTime != AccountState.NONE) {
            double km = distanceKm(state.lastLat, state.lastLon, lat, lon);
            long elapsed = Math.max(MIN_ELAPSED_MS, Math.abs(time - state.lastPresentTime));
            double kmh = km / (elapsed / 3_600_000.0);
            if (km > minDistanceKm && kmh > maxSpeedKmh) {
                detection =
                        new Detection(
                                NAME,
                                Detection.score(weight, kmh, maxSpeedKmh),
                                String.format(
                                        Locale.ROOT,
                                        "card present %.0f km from the previous card-present"
                                                + " transaction %s earlier: %.0f km/h, above %.0f",
                                        km,
                                        Durations.text(elapsed),
                                        kmh,
                                        maxSpeedKmh),
                                kmh,
                                maxSpeedKmh);
            }
        }
        if (time >= state.lastPresentTime) {
            state.lastLat = lat;
            state.lastLon = lon;
            state.lastPresentTime = time;
        }
        return detection;
    }

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
}
