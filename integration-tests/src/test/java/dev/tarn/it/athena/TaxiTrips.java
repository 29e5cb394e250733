package dev.tarn.it.athena;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The lab's yellow-cab trips, generated deterministically from a seed: the columns of the lab's
 * {@code taxidata.yellow} table, a header line, and totals that are the sum of their parts, so
 * tests can compute the answers of their queries independently of the engine.
 */
final class TaxiTrips
{
    static final String HEADER = "vendor,pickup,dropoff,count,distance,ratecode,storeflag,pulocid,dolocid,paytype,fare,extra,mta_tax,tip,tolls,surcharge,total";

    /** The table's Hive columns, in file order. */
    static final String COLUMNS = """
            vendor string, pickup timestamp, dropoff timestamp, count int, distance double, ratecode string, storeflag string,
            pulocid string, dolocid string, paytype string, fare double, extra double, mta_tax double, tip double, tolls double,
            surcharge double, total double""";

    /** The lab's CSV table of these trips (header skipped) over the objects under {@code location}. */
    static String createTable(String name, String location)
    {
        return "CREATE EXTERNAL TABLE " + name + " (" + COLUMNS + ") ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION '" + location + "' TBLPROPERTIES ('skip.header.line.count'='1')";
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Trip(String vendor, LocalDateTime pickup, LocalDateTime dropoff, int count, BigDecimal distance, String ratecode, String storeflag,
            String pulocid, String dolocid, String paytype, BigDecimal fare, BigDecimal extra, BigDecimal mtaTax, BigDecimal tip, BigDecimal tolls,
            BigDecimal surcharge, BigDecimal total)
    {
        String csv()
        {
            return String.join(",", vendor, TIME.format(pickup), TIME.format(dropoff), Integer.toString(count), distance.toPlainString(), ratecode,
                    storeflag, pulocid, dolocid, paytype, fare.toPlainString(), extra.toPlainString(), mtaTax.toPlainString(), tip.toPlainString(),
                    tolls.toPlainString(), surcharge.toPlainString(), total.toPlainString());
        }
    }

    private TaxiTrips() {}

    static List<Trip> generate(long seed, int count, int month)
    {
        Random random = new Random(seed);
        List<Trip> trips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDateTime pickup = LocalDateTime.of(2017, month, 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
            boolean longTrip = random.nextInt(25) == 0;
            BigDecimal distance = money(longTrip ? 20 + random.nextDouble() * 40 : 0.3 + random.nextDouble() * 8);
            BigDecimal fare = money(2.5 + distance.doubleValue() * (2.2 + random.nextDouble()));
            BigDecimal extra = money(random.nextInt(3) * 0.5);
            BigDecimal mtaTax = money(0.5);
            String paytype = Integer.toString(1 + random.nextInt(4));
            BigDecimal tip = paytype.equals("1") ? money(fare.doubleValue() * random.nextDouble() * 0.3) : money(0);
            BigDecimal tolls = longTrip && random.nextBoolean() ? money(5.76 + random.nextInt(3) * 5) : money(0);
            BigDecimal surcharge = money(0.3);
            BigDecimal total = fare.add(extra).add(mtaTax).add(tip).add(tolls).add(surcharge);
            trips.add(new Trip(Integer.toString(1 + random.nextInt(2)), pickup, pickup.plusMinutes(3 + random.nextInt(60)), 1 + random.nextInt(4), distance,
                    "1", "N", Integer.toString(1 + random.nextInt(265)), Integer.toString(1 + random.nextInt(265)), paytype, fare, extra, mtaTax, tip, tolls,
                    surcharge, total));
        }
        return trips;
    }

    static String csv(List<Trip> trips)
    {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        trips.forEach(trip -> text.append(trip.csv()).append('\n'));
        return text.toString();
    }

    /** The lab's question: trips of at least 100 dollars, most expensive first. */
    static List<Trip> faresOver100(List<Trip> trips)
    {
        return trips.stream().filter(trip -> trip.total().compareTo(BigDecimal.valueOf(100)) >= 0)
                .sorted(Comparator.comparing(Trip::total).reversed()).toList();
    }

    private static BigDecimal money(double value)
    {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
