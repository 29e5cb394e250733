package dev.tarn.athena.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How text objects reach DuckDB: plain CSV objects larger than the split size (64 KB here) as
 * several line-aligned ranges, each through its own pipe, JSON objects whole; every row must
 * arrive exactly once, and no feeding thread may outlive its statement.
 */
class TextScanTest
{
    static final long SPLIT = 64 << 10;
    static final int ROWS = 300_000;
    static final int FILES = 300;
    static TarnServices tarn;
    static byte[] trips;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start(SPLIT);
        tarn.createBucket("lake");
        tarn.createBucket("results");
        StringBuilder csv = new StringBuilder("id,name,amount\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i).append(",name-").append(i % 1000).append(',').append(i % 97).append(".25\n");
        }
        trips = csv.toString().getBytes(StandardCharsets.UTF_8);
        tarn.putObject("lake", "trips/trips.csv", trips);
        tarn.run(tarn.root(), "CREATE DATABASE scan", Optional.empty());
        table("trips", "id bigint, name string, amount double", "ROW FORMAT DELIMITED FIELDS TERMINATED BY ','", 1);
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    private static void table(String name, String columns, String format, int headerLines)
            throws QueryFailure
    {
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE " + name + " (" + columns + ") " + format + " LOCATION 's3://lake/" + name + "/'"
                + (headerLines > 0 ? " TBLPROPERTIES ('skip.header.line.count'='" + headerLines + "')" : ""), Optional.of("scan"));
    }

    @Test
    void aLimitStopsReadingTheObjectEarly()
            throws Exception
    {
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT * FROM trips LIMIT 10", Optional.of("scan"));

        assertThat(result.rows()).hasSize(10);
        assertThat(result.statement().dataScannedBytes()).isPositive().isLessThan(trips.length / 2);
        // the writers of ranges DuckDB never opened are released when the statement ends
        assertNoFeederThreads();
    }

    @Test
    void rangesReturnEveryRowOnceAndSkipTheHeaderOnlyAtTheStart()
            throws Exception
    {
        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), sum(id), min(id), max(id), count(amount) FROM trips",
                Optional.of("scan"));

        long sum = (long) ROWS * (ROWS - 1) / 2;
        String rows = Integer.toString(ROWS);
        assertThat(result.text().get(0)).containsExactly(rows, rows, Long.toString(sum), "0", Integer.toString(ROWS - 1), rows);
        assertThat(result.statement().dataScannedBytes()).as("each range counts the bytes of its lines").isEqualTo(trips.length);
        assertThat(tarn.run(tarn.root(), "SELECT id FROM trips LIMIT 3", Optional.of("scan")).text()).as("the first rows, in order")
                .containsExactly(List.of("0"), List.of("1"), List.of("2"));
    }

    @Test
    void quotedFieldsSurviveTheRangeBoundaries()
            throws Exception
    {
        StringBuilder csv = new StringBuilder("\"id\",\"text\"\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append('"').append(i).append("\",\"a, b and c ").append(i).append("\"\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        tarn.putObject("lake", "quoted/quoted.csv", bytes);
        table("quoted", "id bigint, text string", "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=',', 'quoteChar'='\"')", 1);

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), count_if(text = concat('a, b and c ', CAST(id AS varchar))) FROM quoted",
                Optional.of("scan"));

        assertThat((long) bytes.length).isGreaterThan(4 * SPLIT);
        assertThat(result.text().get(0)).containsExactly("20000", "20000", "20000");
    }

    @Test
    void aLastLineWithoutNewlineIsRead()
            throws Exception
    {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append("|row ").append(i).append('\n');
        }
        csv.append("30000|last");
        tarn.putObject("lake", "unterminated/data.txt", csv.toString().getBytes(StandardCharsets.UTF_8));
        table("unterminated", "id int, label string", "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'", 0);

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), max(id), max_by(label, id) FROM unterminated", Optional.of("scan"));

        assertThat(result.text().get(0)).containsExactly("30001", "30001", "30000", "last");
    }

    @Test
    void aRangeBoundaryOnALineStartLosesAndRepeatsNothing()
            throws Exception
    {
        // 16-byte lines and an object of exactly 8 splits: every range starts exactly at a line
        int lines = (int) (8 * SPLIT / 16);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            csv.append(String.format("%07d,abcdefg\n", i));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat((long) bytes.length).isEqualTo(8 * SPLIT);
        tarn.putObject("lake", "aligned/aligned.csv", bytes);
        table("aligned", "id int, tag string", "ROW FORMAT DELIMITED FIELDS TERMINATED BY ','", 0);

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), min(id), max(id), count_if(tag = 'abcdefg') FROM aligned",
                Optional.of("scan"));

        String count = Integer.toString(lines);
        assertThat(result.text().get(0)).containsExactly(count, count, "0", Integer.toString(lines - 1), count);
        assertThat(result.statement().dataScannedBytes()).isEqualTo((long) bytes.length);
    }

    @Test
    void aTableOfManyObjectsAndAJoinOfTwoTablesAreRead()
            throws Exception
    {
        for (int file = 0; file < FILES; file++) {
            StringBuilder csv = new StringBuilder("id,file\n");
            for (int i = 0; i < 10; i++) {
                csv.append(file * 10 + i).append(',').append(file).append('\n');
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            // every tenth object gzip-compressed: those go whole through their own pipes
            tarn.putObject("lake", "many/part-" + file + (file % 10 == 0 ? ".csv.gz" : ".csv"), file % 10 == 0 ? TarnServices.gzip(bytes) : bytes);
        }
        table("many", "id bigint, file int", "ROW FORMAT DELIMITED FIELDS TERMINATED BY ','", 1);

        TarnServices.Result many = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), count(DISTINCT file) FROM many", Optional.of("scan"));
        assertThat(many.text().get(0)).containsExactly(Integer.toString(FILES * 10), Integer.toString(FILES * 10), Integer.toString(FILES));

        // a few threads fill the pipes of all the objects, not one each
        Sampled sampled = sampleFeederThreads("SELECT id FROM many");
        assertThat(sampled.rows()).isEqualTo(FILES * 10);
        assertThat(sampled.mostThreads()).isPositive().isLessThanOrEqualTo(3);

        // DuckDB may read either side of a join first: the pipes of each side have their own feeder
        TarnServices.Result joined = tarn.run(tarn.root(), "SELECT count(*), sum(t.id) FROM trips t JOIN many m ON t.id = m.id", Optional.of("scan"));
        long sum = (long) FILES * 10 * (FILES * 10 - 1) / 2;
        assertThat(joined.text().get(0)).containsExactly(Integer.toString(FILES * 10), Long.toString(sum));
        TarnServices.Result reversed = tarn.run(tarn.root(), "SELECT count(*) FROM many m JOIN trips t ON t.id = m.id", Optional.of("scan"));
        assertThat(reversed.single()).isEqualTo(Integer.toString(FILES * 10));
        assertNoFeederThreads();
    }

    @Test
    void aTableOfManyPartitionsIsOneReadWithItsValuesByFile()
            throws Exception
    {
        for (int day = 1; day <= 60; day++) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < day; i++) {
                csv.append(i).append('\n');
            }
            tarn.putObject("lake", "daily/day=" + day + "/part-0.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        tarn.putObject("lake", "daily/day=__HIVE_DEFAULT_PARTITION__/part-0.csv", "7\n".getBytes(StandardCharsets.UTF_8));
        tarn.run(tarn.root(), "CREATE EXTERNAL TABLE daily (n int) PARTITIONED BY (day int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/daily/'",
                Optional.of("scan"));
        tarn.run(tarn.root(), "MSCK REPAIR TABLE daily", Optional.of("scan"));

        Sampled sampled = sampleFeederThreads("SELECT day, n FROM daily");
        assertThat(sampled.rows()).isEqualTo(60 * 61 / 2 + 1);
        assertThat(sampled.mostThreads()).as("one feeder for all the partitions").isPositive().isLessThanOrEqualTo(3);

        TarnServices.Result perDay = tarn.run(tarn.root(), "SELECT day, count(*), max(n) FROM daily GROUP BY day ORDER BY day NULLS FIRST LIMIT 3",
                Optional.of("scan"));
        assertThat(perDay.text()).containsExactly(List.of("NULL", "1", "7"), List.of("1", "1", "0"), List.of("2", "2", "1"));
        TarnServices.Result pruned = tarn.run(tarn.root(), "SELECT count(*), min(day), max(day) FROM daily WHERE day BETWEEN 10 AND 12", Optional.of("scan"));
        assertThat(pruned.text().get(0)).containsExactly(Integer.toString(10 + 11 + 12), "10", "12");
    }

    @Test
    void aJsonTableOfManyObjectsIsRead()
            throws Exception
    {
        for (int file = 0; file < 100; file++) {
            StringBuilder json = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                json.append("{\"ID\":").append(file * 10 + i).append(",\"File\":").append(file).append("}\n");
            }
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            tarn.putObject("lake", "events/part-" + file + (file % 10 == 0 ? ".json.gz" : ".json"), file % 10 == 0 ? TarnServices.gzip(bytes) : bytes);
        }
        table("events", "id bigint, file int", "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'", 0);

        TarnServices.Result events = tarn.run(tarn.root(), "SELECT count(*), count(DISTINCT id), count(DISTINCT file) FROM events", Optional.of("scan"));

        assertThat(events.text().get(0)).containsExactly("1000", "1000", "100");
        assertNoFeederThreads();
    }

    @Test
    void cancellingInTheMiddleOfARangedReadLeavesNoThreadBehind()
            throws Exception
    {
        TarnServices.Control control = new TarnServices.Control();
        TarnServices.CollectingSink cancelling = new TarnServices.CollectingSink()
        {
            @Override
            public void row(List<Optional<String>> values)
            {
                super.row(values);
                if (rows().size() == 1) {
                    control.cancel();
                }
            }
        };
        StatementRequest request = new StatementRequest(UUID.randomUUID().toString(), "SELECT * FROM trips", "AwsDataCatalog", Optional.of("scan"), List.of(),
                tarn.root(), "s3://results/athena/", Optional.empty());

        assertThatThrownBy(() -> tarn.engine().execute(request, control, cancelling))
                .isInstanceOfSatisfying(QueryFailure.class, failure -> assertThat(failure.isCancelled()).isTrue());
        assertThat(cancelling.rows().size()).isLessThan(ROWS);
        assertNoFeederThreads();
    }

    @Test
    void theScanCutoffStopsARangedRead()
            throws Exception
    {
        assertThatThrownBy(() -> tarn.run(tarn.root(), "SELECT count(*) FROM trips", Optional.of("scan"), List.of(), Optional.of(200_000L),
                new TarnServices.Control()))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("Bytes scanned limit was exceeded");
        assertNoFeederThreads();
    }

    /** How many rows a query returned, and the most feeding threads alive as they came. */
    private record Sampled(long rows, long mostThreads) {}

    private static Sampled sampleFeederThreads(String sql)
            throws QueryFailure
    {
        AtomicLong mostThreads = new AtomicLong();
        TarnServices.CollectingSink sampling = new TarnServices.CollectingSink()
        {
            @Override
            public void row(List<Optional<String>> values)
            {
                super.row(values);
                mostThreads.accumulateAndGet(feederThreads(), Math::max);
            }
        };
        tarn.engine().execute(new StatementRequest(UUID.randomUUID().toString(), sql, "AwsDataCatalog", Optional.of("scan"), List.of(), tarn.root(),
                "s3://results/athena/", Optional.empty()), new TarnServices.Control(), sampling);
        return new Sampled(sampling.rows().size(), mostThreads.get());
    }

    private static void assertNoFeederThreads()
            throws InterruptedException
    {
        // the feeders are closed when the statement ends; a thread may take a moment to be reported dead
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feederThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(feederThreads()).isZero();
    }

    private static long feederThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("athena-scan")).count();
    }
}
