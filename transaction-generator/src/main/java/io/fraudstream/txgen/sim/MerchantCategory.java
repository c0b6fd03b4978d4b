package io.fraudstream.txgen.sim;

/**
 * Merchant categories of the simulated merchants: their MCC, how common they are in shops and
 * online, and how much a purchase there costs relative to the cardholder's typical amount.
 */
enum MerchantCategory {
    GROCERY("5411", 25, 3, 0.9),
    RESTAURANT("5812", 12, 0, 1.1),
    FAST_FOOD("5814", 10, 1, 0.35),
    BAR("5813", 4, 0, 0.5),
    FUEL("5541", 8, 0, 1.2),
    PHARMACY("5912", 5, 1, 0.7),
    CLOTHING("5651", 6, 6, 1.5),
    DEPARTMENT_STORE("5311", 4, 4, 1.8),
    HOME_IMPROVEMENT("5200", 3, 1, 1.6),
    ELECTRONICS("5732", 2, 5, 3.0),
    BOOKS("5942", 2, 3, 0.6),
    MISC_RETAIL("5999", 5, 5, 1.0),
    JEWELRY("5944", 1, 1, 4.0),
    TRANSIT("4111", 6, 2, 0.12),
    TAXI("4121", 2, 2, 0.5),
    HOTEL("7011", 1, 2, 3.5),
    AIRLINE("4511", 0, 2, 5.0),
    DIGITAL_GOODS("5818", 0, 6, 0.25),
    STREAMING("4899", 0, 3, 0.3),
    CHARITY("8398", 0, 1, 0.5),
    ATM("6011", 0, 0, 1.0);

    final String mcc;
    final double posWeight;
    final double ecomWeight;

    /** log of the price level: amounts are log-normal around the card's mu plus this. */
    final double logShift;

    MerchantCategory(String mcc, double posWeight, double ecomWeight, double priceLevel) {
        this.mcc = mcc;
        this.posWeight = posWeight;
        this.ecomWeight = ecomWeight;
        this.logShift = Math.log(priceLevel);
    }

    /** Where a fraudster cashes out a stolen card: goods that resell well. */
    boolean highValue() {
        return this == ELECTRONICS
                || this == JEWELRY
                || this == DEPARTMENT_STORE
                || this == AIRLINE;
    }

    /** Where card testers probe: cheap, automated, rarely checked. */
    boolean probeTarget() {
        return this == DIGITAL_GOODS || this == STREAMING || this == CHARITY;
    }

    private static final MerchantCategory[] VALUES = values();

    /** The price-level shift of the category with this MCC, or 0 for an unknown code. */
    static double logShiftOf(String mcc) {
        for (MerchantCategory c : VALUES) {
            if (c.mcc.equals(mcc)) {
                return c.logShift;
            }
        }
        return 0;
    }
}
