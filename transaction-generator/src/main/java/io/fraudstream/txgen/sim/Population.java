package io.fraudstream.txgen.sim;

import io.fraudstream.events.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The simulated world, built from a seed: merchants with terminals and web shops, and cardholders
 * with a home, a spending profile, usual shops, a channel mix and a rhythm; ids precomputed.
 */
public final class Population {

    /** Median of the cardholders' typical purchase, in currency units. */
    private static final double MEDIAN_TYPICAL_AMOUNT = 30;

    private static final double SHARE_OF_ATMS = 0.06;
    private static final double SHARE_OF_TRAVELLERS = 0.12;
    private static final int MIN_TERMINALS_PER_CITY = 8;
    private static final int USUAL_TERMINAL_CANDIDATES = 24;

    /** Cumulative Zipf weights by rank, for lists of 1 to 12 usual places. */
    private static final double[][] ZIPF = zipf(12);

    final City[] cities;
    final int[][] cityPos;
    final int[][] cityAtm;
    final int[][] cityResidents;

    /** Cities where cardholders live. */
    final int[] residentialCities;

    /** POS terminals in cities where cardholders live: where skimmers catch local cards. */
    final int[] residentialPos;

    /** Terminals {@code 0 .. cardPresentTerminals-1} are POS and ATMs; the web shops follow. */
    final int cardPresentTerminals;

    final String[] terminalId;
    final String[] merchantId;
    final MerchantCategory[] category;
    final String[] country;
    final Double[] lat;
    final Double[] lon;
    final double[] latDeg;
    final double[] lonDeg;
    final Transaction.Channel[] channel;
    final int[] terminalCity;

    final int[] webShops;
    final int[] webHighValue;
    final int[] webProbe;
    final AliasTable webPopularity;

    final String[] accountId;
    final byte[][] accountKey;
    final int[] homeCity;
    final double[] homeLat;
    final double[] homeLon;
    final double[] mu;
    final double[] sigma;
    final double[] activity;
    final double[] ecomShare;
    final double[] atmShare;
    final byte[] chronotype;
    final boolean[] traveller;

    /** Usual POS terminals of account a: {@code usualPos[usualStart[a] .. usualStart[a+1])}. */
    final int[] usualStart;

    final int[] usualPos;
    final int[] usualAtm;
    final int[] favouriteWebStart;
    final int[] favouriteWeb;

    private Population(Builder b) {
        cities = b.cities;
        cityPos = b.cityPos;
        cityAtm = b.cityAtm;
        cityResidents = b.cityResidents;
        residentialPos = b.residentialPos;
        residentialCities = b.residentialCities;
        cardPresentTerminals = b.cardPresent;
        terminalId = b.terminalId;
        merchantId = b.merchantId;
        category = b.category;
        country = b.country;
        lat = b.lat;
        lon = b.lon;
        latDeg = b.latDeg;
        lonDeg = b.lonDeg;
        channel = b.channel;
        terminalCity = b.terminalCity;
        webShops = b.webShops;
        webHighValue = b.webHighValue;
        webProbe = b.webProbe;
        webPopularity = b.webPopularity;
        accountId = b.accountId;
        accountKey = b.accountKey;
        homeCity = b.homeCity;
        homeLat = b.homeLat;
        homeLon = b.homeLon;
        mu = b.mu;
        sigma = b.sigma;
        activity = b.activity;
        ecomShare = b.ecomShare;
        atmShare = b.atmShare;
        chronotype = b.chronotype;
        traveller = b.traveller;
        usualStart = b.usualStart;
        usualPos = b.usualPos;
        usualAtm = b.usualAtm;
        favouriteWebStart = b.favouriteWebStart;
        favouriteWeb = b.favouriteWeb;
    }

    /**
     * Builds a population.
     *
     * @param accounts cardholders (cards), at least 1
     * @param terminals card-present terminals (POS and ATM) at least; small cities get a minimum
     * @param txPerDay mean transactions per card and day
     * @param random the source of every random choice
     */
    public static Population build(
            int accounts, int terminals, double txPerDay, SplittableRandom random) {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts: must be >= 1, was " + accounts);
        }
        if (terminals < 1) {
            throw new IllegalArgumentException("terminals: must be >= 1, was " + terminals);
        }
        if (!(txPerDay > 0)) {
            throw new IllegalArgumentException("txPerDay: must be > 0, was " + txPerDay);
        }
        return new Builder(random).build(accounts, terminals, txPerDay);
    }

    public int accounts() {
        return accountId.length;
    }

    public String accountId(int account) {
        return accountId[account];
    }

    /** The account id in UTF-8: the Kafka key of the card's records. */
    public byte[] accountKey(int account) {
        return accountKey[account];
    }

    /** Mean of the log of the card's amounts at a merchant of price level 1. */
    public double mu(int account) {
        return mu[account];
    }

    public double sigma(int account) {
        return sigma[account];
    }

    public double homeLat(int account) {
        return homeLat[account];
    }

    public double homeLon(int account) {
        return homeLon[account];
    }

    /** The card's mean purchase at a merchant of price level 1: its spending profile. */
    public double typicalAmount(int account) {
        return Math.exp(mu[account] + sigma[account] * sigma[account] / 2);
    }

    /** Expected transactions per day of the card (before fraud and bursts). */
    public double activity(int account) {
        return activity[account];
    }

    /** The log price-level shift of a merchant category code: amounts scale by its exp. */
    public static double logPriceLevel(String mcc) {
        return MerchantCategory.logShiftOf(mcc);
    }

    boolean cardPresent(int terminal) {
        return terminal < cardPresentTerminals;
    }

    double totalActivityPerDay() {
        double sum = 0;
        for (double a : activity) {
            sum += a;
        }
        return sum;
    }

    /** Share of transactions that are POS purchases, weighted by activity. */
    double posShare() {
        double pos = 0;
        double all = 0;
        for (int a = 0; a < activity.length; a++) {
            pos += activity[a] * (1 - ecomShare[a]) * (1 - atmShare[a]);
            all += activity[a];
        }
        return pos / all;
    }

    /** A usual POS terminal of the card, the favourite ones more often. */
    int usualPosTerminal(int account, SplittableRandom random) {
        int from = usualStart[account];
        int count = usualStart[account + 1] - from;
        return usualPos[from + rank(count, random)];
    }

    int usualAtmTerminal(int account, SplittableRandom random) {
        return usualAtm[2 * account + (random.nextDouble() < 0.7 ? 0 : 1)];
    }

    int favouriteWebShop(int account, SplittableRandom random) {
        int from = favouriteWebStart[account];
        int count = favouriteWebStart[account + 1] - from;
        return favouriteWeb[from + rank(count, random)];
    }

    int popularWebShop(SplittableRandom random) {
        return webShops[webPopularity.sample(random)];
    }

    static int pick(int[] from, SplittableRandom random) {
        return from[random.nextInt(from.length)];
    }

    private static int rank(int count, SplittableRandom random) {
        double[] cumulative = ZIPF[count];
        double u = random.nextDouble();
        int r = 0;
        while (r < count - 1 && u >= cumulative[r]) {
            r++;
        }
        return r;
    }

    private static double[][] zipf(int max) {
        double[][] out = new double[max + 1][];
        for (int n = 1; n <= max; n++) {
            double total = 0;
            for (int r = 0; r < n; r++) {
                total += 1.0 / (r + 1);
            }
            out[n] = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += 1.0 / (r + 1) / total;
                out[n][r] = sum;
            }
        }
        return out;
    }

    /** The mutable state of construction, in the order it is built. */
    private static final class Builder {
        final SplittableRandom random;

        City[] cities;
        int[][] cityPos;
        int[][] cityAtm;
        int[][] cityResidents;
        int[] residentialPos;
        int[] residentialCities;
        int cardPresent;
        String[] terminalId;
        String[] merchantId;
        MerchantCategory[] category;
        String[] country;
        Double[] lat;
        Double[] lon;
        double[] latDeg;
        double[] lonDeg;
        Transaction.Channel[] channel;
        int[] terminalCity;
        int[] webShops;
        int[] webHighValue;
        int[] webProbe;
        AliasTable webPopularity;
        String[] accountId;
        byte[][] accountKey;
        int[] homeCity;
        double[] homeLat;
        double[] homeLon;
        double[] mu;
        double[] sigma;
        double[] activity;
        double[] ecomShare;
        double[] atmShare;
        byte[] chronotype;
        boolean[] traveller;
        int[] usualStart;
        int[] usualPos;
        int[] usualAtm;
        int[] favouriteWebStart;
        int[] favouriteWeb;

        int merchants;

        Builder(SplittableRandom random) {
            this.random = random;
        }

        Population build(int accounts, int terminals, double txPerDay) {
            cities = City.ALL.toArray(City[]::new);
            int[] perCity = terminalsPerCity(terminals);
            int webCount = Math.max(40, terminals / 25);
            int total = Arrays.stream(perCity).sum() + webCount;
            terminalId = new String[total];
            merchantId = new String[total];
            category = new MerchantCategory[total];
            country = new String[total];
            lat = new Double[total];
            lon = new Double[total];
            latDeg = new double[total];
            lonDeg = new double[total];
            channel = new Transaction.Channel[total];
            terminalCity = new int[total];
            placeCardPresentTerminals(perCity);
            openWebShops(webCount);
            placeCardholders(accounts, txPerDay);
            return new Population(this);
        }

        private int[] terminalsPerCity(int terminals) {
            double weight = 0;
            for (City c : cities) {
                weight += c.home() ? c.residents() : 0.25;
            }
            int[] out = new int[cities.length];
            for (int c = 0; c < cities.length; c++) {
                double w = cities[c].home() ? cities[c].residents() : 0.25;
                out[c] = Math.max(MIN_TERMINALS_PER_CITY, (int) Math.round(terminals * w / weight));
            }
            return out;
        }

        private void placeCardPresentTerminals(int[] perCity) {
            AliasTable posCategories = categories(true);
            MerchantCategory[] all = MerchantCategory.values();
            cityPos = new int[cities.length][];
            cityAtm = new int[cities.length][];
            List<Integer> residential = new ArrayList<>();
            int t = 0;
            for (int c = 0; c < cities.length; c++) {
                City city = cities[c];
                int atms = Math.max(1, (int) Math.round(perCity[c] * SHARE_OF_ATMS));
                int pos = perCity[c] - atms;
                cityPos[c] = new int[pos];
                cityAtm[c] = new int[atms];
                int placed = 0;
                while (placed < pos) {
                    // Merchants run one to three branches of the same kind in the city.
                    MerchantCategory kind = all[posCategories.sample(random)];
                    String merchant = "m-" + ++merchants;
                    int branches = Math.min(pos - placed, branches());
                    for (int i = 0; i < branches; i++) {
                        place(t, c, city, merchant, kind, Transaction.Channel.POS);
                        cityPos[c][placed++] = t;
                        if (city.home()) {
                            residential.add(t);
                        }
                        t++;
                    }
                }
                for (int i = 0; i < atms; i++) {
                    String operator = "m-" + ++merchants;
                    place(t, c, city, operator, MerchantCategory.ATM, Transaction.Channel.ATM);
                    cityAtm[c][i] = t++;
                }
            }
            cardPresent = t;
            residentialPos = residential.stream().mapToInt(Integer::intValue).toArray();
            residentialCities =
                    IntStream.range(0, cities.length).filter(c -> cities[c].home()).toArray();
        }

        private int branches() {
            double u = random.nextDouble();
            return u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
        }

        private void place(
                int t,
                int c,
                City city,
                String merchant,
                MerchantCategory kind,
                Transaction.Channel how) {
            double km = city.radiusKm() * Math.sqrt(random.nextDouble()) * random.nextDouble();
            double bearing = random.nextDouble() * 2 * Math.PI;
            double la = Geo.round5(Geo.offsetLat(city.lat(), km, bearing));
            double lo = Geo.round5(Geo.offsetLon(city.lat(), city.lon(), km, bearing));
            terminalId[t] = "term-" + (t + 1);
            merchantId[t] = merchant;
            category[t] = kind;
            country[t] = city.country();
            lat[t] = la;
            lon[t] = lo;
            latDeg[t] = la;
            lonDeg[t] = lo;
            channel[t] = how;
            terminalCity[t] = c;
        }

        private void openWebShops(int count) {
            AliasTable ecomCategories = categories(false);
            AliasTable homeCountries = residentsByCity();
            MerchantCategory[] all = MerchantCategory.values();
            webShops = new int[count];
            double[] popularity = new double[count];
            List<Integer> highValue = new ArrayList<>();
            List<Integer> probe = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int t = cardPresent + i;
                MerchantCategory kind = all[ecomCategories.sample(random)];
                // Most shops sell in the cardholders' countries; some ship from abroad.
                int c =
                        random.nextDouble() < 0.85
                                ? homeCountries.sample(random)
                                : random.nextInt(cities.length);
                terminalId[t] = "web-" + (i + 1);
                merchantId[t] = "m-" + ++merchants;
                category[t] = kind;
                country[t] = cities[c].country();
                channel[t] = Transaction.Channel.ECOM;
                terminalCity[t] = -1;
                webShops[i] = t;
                popularity[i] = 1 / Math.pow(i + 1, 0.8);
                if (kind.highValue()) {
                    highValue.add(t);
                }
                if (kind.probeTarget()) {
                    probe.add(t);
                }
            }
            // Guarantee both fraud targets exist even in a tiny world.
            if (highValue.isEmpty()) {
                category[webShops[0]] = MerchantCategory.ELECTRONICS;
                highValue.add(webShops[0]);
            }
            if (probe.isEmpty()) {
                category[webShops[count - 1]] = MerchantCategory.DIGITAL_GOODS;
                probe.add(webShops[count - 1]);
            }
            webHighValue = highValue.stream().mapToInt(Integer::intValue).toArray();
            webProbe = probe.stream().mapToInt(Integer::intValue).toArray();
            webPopularity = new AliasTable(popularity);
        }

        private void placeCardholders(int accounts, double txPerDay) {
            AliasTable homes = residentsByCity();
            AliasTable posCategories = categories(true);
            MerchantCategory[] all = MerchantCategory.values();
            accountId = new String[accounts];
            accountKey = new byte[accounts][];
            homeCity = new int[accounts];
            homeLat = new double[accounts];
            homeLon = new double[accounts];
            mu = new double[accounts];
            sigma = new double[accounts];
            activity = new double[accounts];
            ecomShare = new double[accounts];
            atmShare = new double[accounts];
            chronotype = new byte[accounts];
            traveller = new boolean[accounts];
            usualStart = new int[accounts + 1];
            usualAtm = new int[2 * accounts];
            favouriteWebStart = new int[accounts + 1];
            int[] usual = new int[accounts * 12];
            int[] web = new int[accounts * 6];
            double activitySpread = 0.6;
            for (int a = 0; a < accounts; a++) {
                accountId[a] = "acct-" + (a + 1);
                accountKey[a] = accountId[a].getBytes(StandardCharsets.UTF_8);
                int c = homes.sample(random);
                City city = cities[c];
                homeCity[a] = c;
                double km = city.radiusKm() * Math.sqrt(random.nextDouble());
                double bearing = random.nextDouble() * 2 * Math.PI;
                homeLat[a] = Geo.offsetLat(city.lat(), km, bearing);
                homeLon[a] = Geo.offsetLon(city.lat(), city.lon(), km, bearing);
                mu[a] = Math.log(MEDIAN_TYPICAL_AMOUNT) + 0.45 * random.nextGaussian();
                sigma[a] = 0.45 + 0.4 * random.nextDouble();
                // Log-normal activity with mean txPerDay: some cards are used daily, some rarely.
                activity[a] =
                        txPerDay
                                * Math.exp(
                                        -activitySpread * activitySpread / 2
                                                + activitySpread * random.nextGaussian());
                ecomShare[a] = 0.1 + 0.35 * random.nextDouble();
                atmShare[a] = 0.02 + 0.08 * random.nextDouble();
                chronotype[a] = (byte) chronotype();
                traveller[a] = random.nextDouble() < SHARE_OF_TRAVELLERS;
                MerchantCategory[] preferred = {
                    all[posCategories.sample(random)],
                    all[posCategories.sample(random)],
                    all[posCategories.sample(random)]
                };
                int count = chooseUsualPos(a, preferred, usual, usualStart[a]);
                usualStart[a + 1] = usualStart[a] + count;
                int[] atms = cityAtm[c];
                usualAtm[2 * a] = nearestOfSome(atms, homeLat[a], homeLon[a]);
                usualAtm[2 * a + 1] = pick(atms, random);
                int favourites = 3 + random.nextInt(4);
                for (int i = 0; i < favourites; i++) {
                    web[favouriteWebStart[a] + i] = webShops[webPopularity.sample(random)];
                }
                favouriteWebStart[a + 1] = favouriteWebStart[a] + favourites;
            }
            usualPos = Arrays.copyOf(usual, usualStart[accounts]);
            favouriteWeb = Arrays.copyOf(web, favouriteWebStart[accounts]);
            int[] residents = new int[cities.length];
            for (int c : homeCity) {
                residents[c]++;
            }
            cityResidents = new int[cities.length][];
            for (int c = 0; c < cities.length; c++) {
                cityResidents[c] = new int[residents[c]];
                residents[c] = 0;
            }
            for (int a = 0; a < accounts; a++) {
                cityResidents[homeCity[a]][residents[homeCity[a]]++] = a;
            }
        }

        private int chronotype() {
            double u = random.nextDouble();
            double sum = 0;
            for (int k = 0; k < DailyRhythm.CHRONOTYPE_SHARE.length - 1; k++) {
                sum += DailyRhythm.CHRONOTYPE_SHARE[k];
                if (u < sum) {
                    return k;
                }
            }
            return DailyRhythm.CHRONOTYPE_SHARE.length - 1;
        }

        /**
         * Picks 6 to 12 POS terminals near home, preferring the card's favourite categories, and
         * writes them to {@code out} from {@code at} ordered from most to least used.
         */
        private int chooseUsualPos(int a, MerchantCategory[] preferred, int[] out, int at) {
            int[] pos = cityPos[homeCity[a]];
            int candidates = Math.min(USUAL_TERMINAL_CANDIDATES, pos.length);
            long[] scored = new long[candidates];
            // Places do not depend on their index, so a run of neighbouring indices is a random
            // sample of the town; reading it sequentially keeps a million-card build in the cache.
            int from = random.nextInt(pos.length);
            for (int i = 0; i < candidates; i++) {
                int t = pos[(from + i) % pos.length];
                double km = Geo.nearbyKm(homeLat[a], homeLon[a], latDeg[t], lonDeg[t]);
                MerchantCategory kind = category[t];
                boolean liked =
                        kind == preferred[0] || kind == preferred[1] || kind == preferred[2];
                double score = km / (liked ? 2.5 : 1);
                // Sort by score, keeping the terminal in the low bits (scores are small).
                scored[i] = ((long) (score * 1000) << 32) | t;
            }
            insertionSort(scored);
            int count = Math.min(candidates, 6 + random.nextInt(7));
            int written = 0;
            for (int i = 0; i < candidates && written < count; i++) {
                int t = (int) scored[i];
                if (!contains(out, at, at + written, t)) {
                    out[at + written++] = t;
                }
            }
            return written;
        }

        /** Sorts a couple of dozen values faster than the general sort, which dominated here. */
        private static void insertionSort(long[] values) {
            for (int i = 1; i < values.length; i++) {
                long v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > v) {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = v;
            }
        }

        private static boolean contains(int[] values, int from, int to, int value) {
            for (int i = from; i < to; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The nearest of a run of up to {@value #USUAL_TERMINAL_CANDIDATES} terminals of the list,
         * starting anywhere: near enough, and cheap however large the city.
         */
        private int nearestOfSome(int[] terminals, double la, double lo) {
            int best = terminals[0];
            double bestKm = Double.MAX_VALUE;
            int draws = Math.min(terminals.length, USUAL_TERMINAL_CANDIDATES);
            int from = random.nextInt(terminals.length);
            for (int i = 0; i < draws; i++) {
                int t = terminals[(from + i) % terminals.length];
                double km = Geo.nearbyKm(la, lo, latDeg[t], lonDeg[t]);
                if (km < bestKm) {
                    bestKm = km;
                    best = t;
                }
            }
            return best;
        }

        private AliasTable residentsByCity() {
            double[] weights = new double[cities.length];
            for (int c = 0; c < cities.length; c++) {
                weights[c] = cities[c].residents();
            }
            return new AliasTable(weights);
        }

        private static AliasTable categories(boolean pos) {
            MerchantCategory[] all = MerchantCategory.values();
            double[] weights = new double[all.length];
            for (int i = 0; i < all.length; i++) {
                weights[i] = pos ? all[i].posWeight : all[i].ecomWeight;
            }
            return new AliasTable(weights);
        }
    }
}
