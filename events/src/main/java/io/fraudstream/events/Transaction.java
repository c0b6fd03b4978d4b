package io.fraudstream.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A card transaction as it arrives on the {@code transactions} topic; the unit the fraud job
 * scores. Construction validates every field, so an instance is always a valid event.
 *
 * @param transactionId unique id of the transaction
 * @param accountId the card account, the key of the topic and of the job's state
 * @param timestamp when the transaction happened (event time)
 * @param amount exact amount in {@code currency}, {@code >= 0}, at most 20 integer and 18 fraction
 *     digits; an exponent form such as {@code 1E+3} is normalised to scale 0
 * @param currency ISO 4217 code, such as {@code EUR}
 * @param merchantId the merchant, or {@code null}
 * @param terminalId the terminal (POS device, ATM, web shop), or {@code null}
 * @param mcc merchant category code, exactly four ASCII digits, or {@code null}
 * @param country ISO 3166 alpha-2 code in upper case, or {@code null}
 * @param lat latitude in [-90, 90], given with {@code lon} or not at all
 * @param lon longitude in [-180, 180], given with {@code lat} or not at all
 * @param channel how the card was used, or {@code null} if unknown
 */
public record Transaction(
        String transactionId,
        String accountId,
        Instant timestamp,
        BigDecimal amount,
        String currency,
        String merchantId,
        String terminalId,
        String mcc,
        String country,
        Double lat,
        Double lon,
        Channel channel) {

    /** Most fraction digits of an amount: enough for any currency and for crypto-style units. */
    public static final int MAX_AMOUNT_SCALE = 18;

    /** Most integer digits of an amount; with the scale it fits SQL {@code DECIMAL(38, 18)}. */
    public static final int MAX_AMOUNT_INTEGER_DIGITS = 20;

    private static final Set<String> CURRENCIES =
            Currency.getAvailableCurrencies().stream()
                    .map(Currency::getCurrencyCode)
                    .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** How the card was used. */
    public enum Channel {
        /** Card present at a point-of-sale terminal. */
        POS,
        /** Card not present: online or mail order. */
        ECOM,
        /** Cash withdrawal at an ATM. */
        ATM
    }

    /**
     * Validates every field.
     *
     * @throws InvalidEventException naming the first invalid field
     */
    public Transaction {
        Checks.id("transactionId", transactionId);
        Checks.id("accountId", accountId);
        Checks.instant("timestamp", timestamp);
        amount = checkAmount(amount);
        checkCurrency(currency);
        Checks.optionalId("merchantId", merchantId);
        Checks.optionalId("terminalId", terminalId);
        checkMcc(mcc);
        checkCountry(country);
        if (lat != null && lon == null) {
            throw new InvalidEventException("lat", "given without lon");
        }
        if (lon != null && lat == null) {
            throw new InvalidEventException("lon", "given without lat");
        }
        if (lat != null) {
            Checks.inRange("lat", lat, -90, 90);
            Checks.inRange("lon", lon, -180, 180);
        }
    }

    /** Whether the transaction carries coordinates. */
    public boolean hasLocation() {
        return lat != null;
    }

    /** Whether the card was physically present: at a POS terminal or an ATM. */
    public boolean cardPresent() {
        return channel == Channel.POS || channel == Channel.ATM;
    }

    static BigDecimal checkAmount(BigDecimal amount) {
        Checks.required("amount", amount);
        if (amount.signum() < 0) {
            throw new InvalidEventException("amount", "must be >= 0, was " + amount);
        }
        // Bounds are checked before any rescaling: 1E+999999999 must not become a huge number.
        long integerDigits = (long) amount.precision() - amount.scale();
        if (integerDigits > MAX_AMOUNT_INTEGER_DIGITS && amount.signum() != 0) {
            throw new InvalidEventException(
                    "amount",
                    "more than " + MAX_AMOUNT_INTEGER_DIGITS + " integer digits, was " + amount);
        }
        if (amount.scale() > MAX_AMOUNT_SCALE) {
            throw new InvalidEventException(
                    "amount", "more than " + MAX_AMOUNT_SCALE + " decimal places, was " + amount);
        }
        // A negative scale would not survive the plain-string wire form, so equality would not.
        return amount.scale() < 0 ? amount.setScale(0) : amount;
    }

    static void checkCurrency(String currency) {
        Checks.required("currency", currency);
        if (!CURRENCIES.contains(currency)) {
            throw new InvalidEventException(
                    "currency", "not an ISO 4217 code, was " + Checks.quote(currency));
        }
    }

    private static void checkMcc(String mcc) {
        if (mcc == null) {
            return;
        }
        boolean fourDigits = mcc.length() == 4;
        for (int i = 0; fourDigits && i < 4; i++) {
            fourDigits = mcc.charAt(i) >= '0' && mcc.charAt(i) <= '9';
        }
        if (!fourDigits) {
            throw new InvalidEventException(
                    "mcc", "not a merchant category code (4 digits), was " + Checks.quote(mcc));
        }
    }

    private static void checkCountry(String country) {
        if (country != null && !COUNTRIES.contains(country)) {
            throw new InvalidEventException(
                    "country",
                    "not an ISO 3166 alpha-2 code in upper case, was " + Checks.quote(country));
        }
    }
}
