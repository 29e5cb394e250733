package dev.tarn.athena.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Trino functions and the SerDes over the shared datasets (JSON with mixed-case members, gzip
 * JSON, quoted CSV, dates in text), each answer computed independently from the files here.
 */
class DatasetFunctionsTest
{
    static final Path DATASETS = DatasetQueryTest.DATASETS;
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static TarnServices tarn;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("data");
        tarn.createBucket("results");
        tarn.putObject("data", "cars/cars.json", ndjson(DATASETS.resolve("cars.json")));
        tarn.putObject("data", "flights/flights.json.gz", TarnServices.gzip(ndjson(DATASETS.resolve("flights-20k.json"))));
        tarn.putObject("data", "stocks/stocks.csv", Files.readAllBytes(DATASETS.resolve("stocks.csv")));
        tarn.putObject("data", "github/github.csv", Files.readAllBytes(DATASETS.resolve("github.csv")));
        tarn.putObject("data", "airports/airports.csv", Files.readAllBytes(DATASETS.resolve("airports.csv")));
        tarn.run(tarn.root(), "CREATE DATABASE IF NOT EXISTS sets", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE cars (name string, miles_per_gallon double, cylinders int, displacement double, horsepower int,
                  weight_in_lbs int, acceleration double, year string, origin string)
                ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
                LOCATION 's3://data/cars/'
                """, Optional.of("sets"));
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE flights (`date` string, delay int, distance int, origin string, destination string)
                ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
                LOCATION 's3://data/flights/'
                """, Optional.of("sets"));
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE stocks (symbol string, `date` string, price double)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://data/stocks/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.of("sets"));
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE github (`time` string, `count` int)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://data/github/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.of("sets"));
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE airports (iata string, name string, city string, state string, country string, latitude string, longitude string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"', 'escapeChar' = '\\\\')
                LOCATION 's3://data/airports/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.of("sets"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void jsonMembersMatchColumnsWhateverTheirCase()
            throws Exception
    {
        JsonNode cars = JSON.readTree(DATASETS.resolve("cars.json").toFile());
        double sum = 0;
        int withHorsepower = 0;
        Map<String, Integer> byOrigin = new TreeMap<>();
        for (JsonNode car : cars) {
            if (!car.path("Horsepower").isNull()) {
                sum += car.path("Horsepower").asInt();
                withHorsepower++;
            }
            byOrigin.merge(car.path("Origin").asText(), 1, Integer::sum);
        }

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(horsepower), avg(horsepower) FROM cars", Optional.of("sets"));
        assertThat(result.text().get(0).get(0)).isEqualTo(Integer.toString(cars.size()));
        assertThat(result.text().get(0).get(1)).isEqualTo(Integer.toString(withHorsepower));
        assertThat(Double.parseDouble(result.text().get(0).get(2))).isCloseTo(sum / withHorsepower, within(1e-9));

        TarnServices.Result origins = tarn.run(tarn.root(), "SELECT origin, count(*) FROM cars GROUP BY origin ORDER BY origin", Optional.of("sets"));
        assertThat(origins.text()).containsExactlyElementsOf(byOrigin.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue().toString())).toList());
    }

    @Test
    void gzipJsonWithDateParseAndDateTrunc()
            throws Exception
    {
        JsonNode flights = JSON.readTree(DATASETS.resolve("flights-20k.json").toFile());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
        Map<Integer, Integer> delayedByMonth = new TreeMap<>();
        Set<String> origins = new HashSet<>();
        for (JsonNode flight : flights) {
            LocalDateTime when = LocalDateTime.parse(flight.path("date").asText(), format);
            if (flight.path("delay").asInt() > 60) {
                delayedByMonth.merge(when.getMonthValue(), 1, Integer::sum);
            }
            origins.add(flight.path("origin").asText());
        }

        TarnServices.Result result = tarn.run(tarn.root(), """
                SELECT month(date_trunc('month', date_parse("date", '%Y/%m/%d %H:%i'))) AS m, count(*) AS delayed
                FROM flights WHERE delay > 60 GROUP BY 1 ORDER BY 1
                """, Optional.of("sets"));
        assertThat(result.text()).containsExactlyElementsOf(delayedByMonth.entrySet().stream().map(e -> List.of(e.getKey().toString(), e.getValue().toString())).toList());

        TarnServices.Result distinct = tarn.run(tarn.root(), "SELECT approx_distinct(origin), count(DISTINCT origin) FROM flights", Optional.of("sets"));
        assertThat(Long.parseLong(distinct.text().get(0).get(1))).isEqualTo(origins.size());
        assertThat((double) Long.parseLong(distinct.text().get(0).get(0))).isCloseTo(origins.size(), within(origins.size() * 0.1));
    }

    @Test
    void dateFunctionsOverTextDates()
            throws Exception
    {
        List<String> lines = Files.readAllLines(DATASETS.resolve("stocks.csv")).subList(1, Files.readAllLines(DATASETS.resolve("stocks.csv")).size());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH);
        Map<String, double[]> byYear = new TreeMap<>();
        for (String line : lines) {
            String[] fields = line.split(",");
            if (!fields[0].equals("AAPL")) {
                continue;
            }
            int year = java.time.LocalDate.parse(fields[1], format).getYear();
            byYear.computeIfAbsent(Integer.toString(year), y -> new double[1])[0] = Math.max(byYear.getOrDefault(Integer.toString(year), new double[1])[0],
                    Double.parseDouble(fields[2]));
        }

        TarnServices.Result result = tarn.run(tarn.root(), """
                SELECT date_format(date_parse("date", '%b %e %Y'), '%Y') AS y, max(price)
                FROM stocks WHERE symbol = 'AAPL' GROUP BY 1 ORDER BY 1
                """, Optional.of("sets"));
        assertThat(result.columns()).extracting(ResultColumn::type).containsExactly("varchar", "double");
        assertThat(result.text()).containsExactlyElementsOf(byYear.entrySet().stream().map(e -> List.of(e.getKey(), Double.toString(e.getValue()[0]))).toList());

        TarnServices.Result diff = tarn.run(tarn.root(), """
                SELECT date_diff('day', min(date_parse("time", '%Y/%m/%d %H:%i:%s')), max(date_parse("time", '%Y/%m/%d %H:%i:%s'))),
                       CAST(min(date_parse("time", '%Y/%m/%d %H:%i:%s')) AS date)
                FROM github
                """, Optional.of("sets"));
        List<String> times = Files.readAllLines(DATASETS.resolve("github.csv")).stream().skip(1).map(line -> line.split(",")[0]).sorted().toList();
        DateTimeFormatter githubFormat = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
        LocalDateTime first = LocalDateTime.parse(times.get(0), githubFormat);
        LocalDateTime last = LocalDateTime.parse(times.get(times.size() - 1), githubFormat);
        assertThat(diff.text().get(0)).containsExactly(Long.toString(java.time.temporal.ChronoUnit.DAYS.between(first.toLocalDate(), last.toLocalDate())),
                first.toLocalDate().toString());
    }

    @Test
    void quotedCsvWithOpenCsvSerde()
            throws Exception
    {
        List<List<String>> rows = Files.readAllLines(DATASETS.resolve("airports.csv")).stream().skip(1).map(DatasetFunctionsTest::csvFields).toList();
        List<String> quoted = rows.stream().filter(row -> row.get(1).contains(",")).map(row -> row.get(1)).sorted().toList();

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT name FROM airports WHERE strpos(name, ',') > 0 ORDER BY name", Optional.of("sets"));
        assertThat(quoted).isNotEmpty();
        assertThat(result.text()).extracting(row -> row.get(0)).containsExactlyElementsOf(quoted);

        long texas = rows.stream().filter(row -> row.get(3).equals("TX")).count();
        TarnServices.Result count = tarn.run(tarn.root(), "SELECT count(*) FROM airports WHERE state = 'TX'", Optional.of("sets"));
        assertThat(count.single()).isEqualTo(Long.toString(texas));
    }

    @Test
    void arraysMapsRowsAndUnnestInAthenasTextForm()
            throws Exception
    {
        TarnServices.Result values = tarn.run(tarn.root(), """
                SELECT ARRAY[1, 2, 3], MAP(ARRAY['a', 'b'], ARRAY[1, 2]), CAST(ROW(1, 'x') AS ROW(id integer, tag varchar)),
                       cardinality(split('a,b,c', ',')), element_at(split('a,b,c', ','), 2), regexp_extract('order-123', '(\\d+)', 1),
                       regexp_extract('none', '(\\d+)', 1), regexp_replace('a1b22', '(\\d+)', '<$1>'), regexp_like('abc', '^a'),
                       json_extract_scalar('{"a":{"b":"c"}}', '$.a.b'), try_cast('x' AS integer), 7 / 2, from_unixtime(0), to_unixtime(TIMESTAMP '1970-01-02 00:00:00')
                """, Optional.empty());
        assertThat(values.columns()).extracting(ResultColumn::type)
                .containsExactly("array", "map", "row", "bigint", "varchar", "varchar", "varchar", "varchar", "boolean", "varchar", "integer", "integer",
                        "timestamp with time zone", "double");
        assertThat(values.text().get(0)).containsExactly("[1, 2, 3]", "{a=1, b=2}", "{id=1, tag=x}", "3", "b", "123", "NULL", "a<1>b<22>", "true", "c", "NULL",
                "3", "1970-01-01 00:00:00.000 UTC", "86400.0");

        TarnServices.Result unnested = tarn.run(tarn.root(), """
                SELECT t.origin, u.n FROM (VALUES ('x', ARRAY[1, 2]), ('y', ARRAY[3])) AS t(origin, numbers) CROSS JOIN UNNEST(numbers) AS u(n)
                ORDER BY u.n
                """, Optional.empty());
        assertThat(unnested.text()).containsExactly(List.of("x", "1"), List.of("x", "2"), List.of("y", "3"));
    }

    @Test
    void setOperationsSubqueriesAndWindows()
            throws Exception
    {
        List<String> lines = Files.readAllLines(DATASETS.resolve("stocks.csv")).stream().skip(1).toList();
        List<String> all = new ArrayList<>();
        lines.forEach(line -> all.add(line.split(",")[0]));
        Set<String> distinct = new java.util.TreeSet<>(all);
        double maxPrice = lines.stream().mapToDouble(line -> Double.parseDouble(line.split(",")[2])).max().orElseThrow();

        TarnServices.Result union = tarn.run(tarn.root(), "SELECT symbol FROM stocks UNION SELECT symbol FROM stocks ORDER BY 1", Optional.of("sets"));
        assertThat(union.text()).extracting(row -> row.get(0)).containsExactlyElementsOf(distinct);

        TarnServices.Result except = tarn.run(tarn.root(), "SELECT symbol FROM stocks EXCEPT SELECT symbol FROM stocks WHERE symbol <> 'IBM'", Optional.of("sets"));
        assertThat(except.text()).containsExactly(List.of("IBM"));

        TarnServices.Result top = tarn.run(tarn.root(), """
                SELECT symbol, price FROM (
                  SELECT symbol, price, row_number() OVER (PARTITION BY symbol ORDER BY price DESC) AS r FROM stocks) ranked
                WHERE r = 1 AND price = (SELECT max(price) FROM stocks)
                """, Optional.of("sets"));
        assertThat(top.text()).hasSize(1);
        assertThat(top.text().get(0).get(1)).isEqualTo(Double.toString(maxPrice));
    }

    @Test
    void recursiveWithQueries()
            throws Exception
    {
        long symbols = Files.readAllLines(DATASETS.resolve("stocks.csv")).stream().skip(1).map(line -> line.split(",")[0]).distinct().count();
        TarnServices.Result numbers = tarn.run(tarn.root(),
                "WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT sum(i), count(*) FROM n", Optional.empty());
        assertThat(numbers.text()).containsExactly(List.of("15", "5"));
        TarnServices.Result overTable = tarn.run(tarn.root(), """
                WITH RECURSIVE t(symbol, k) AS (
                  SELECT DISTINCT symbol, 1 FROM stocks
                  UNION ALL SELECT symbol, k + 1 FROM t WHERE k < 3)
                SELECT count(*), max(k) FROM t
                """, Optional.of("sets"));
        assertThat(overTable.text()).containsExactly(List.of(Long.toString(symbols * 3), "3"));
    }

    /** One CSV record, with double-quoted fields that may hold commas. */
    private static List<String> csvFields(String line)
    {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static byte[] ndjson(Path file)
            throws Exception
    {
        StringBuilder out = new StringBuilder();
        for (JsonNode record : JSON.readTree(file.toFile())) {
            out.append(JSON.writeValueAsString(record)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
