package dev.tarn.athena.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Queries over the shared datasets, answers checked against values computed here from the files. */
class DatasetQueryTest
{
    static final Path DATASETS = Path.of(System.getProperty("tarn.datasets", "/work/shared/datasets"));
    static TarnServices tarn;

    @BeforeAll
    static void start()
            throws Exception
    {
        tarn = TarnServices.start();
        tarn.createBucket("lake");
        tarn.createBucket("results");
        tarn.putObject("lake", "weather/seattle-weather.csv", Files.readAllBytes(DATASETS.resolve("seattle-weather.csv")));
        tarn.run(tarn.root(), "CREATE DATABASE lab", Optional.empty());
        tarn.run(tarn.root(), """
                CREATE EXTERNAL TABLE weather (
                  `date` date, precipitation double, temp_max double, temp_min double, wind double, weather string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://lake/weather/'
                TBLPROPERTIES ('skip.header.line.count'='1')
                """, Optional.of("lab"));
    }

    @AfterAll
    static void stop()
    {
        tarn.close();
    }

    @Test
    void countsAndAveragesMatchTheFile()
            throws Exception
    {
        List<String[]> rows = Files.readAllLines(DATASETS.resolve("seattle-weather.csv")).stream().skip(1).map(line -> line.split(",")).toList();
        long rainy = rows.stream().filter(row -> row[5].equals("rain")).count();
        double maxTemp = rows.stream().mapToDouble(row -> Double.parseDouble(row[2])).max().orElseThrow();

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT count(*), max(temp_max), count_if(weather = 'rain') FROM weather", Optional.of("lab"));

        assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("_col0", "_col1", "_col2");
        assertThat(result.columns()).extracting(ResultColumn::type).containsExactly("bigint", "double", "bigint");
        assertThat(result.text()).containsExactly(List.of(Long.toString(rows.size()), Double.toString(maxTemp), Long.toString(rainy)));
        assertThat(result.statement().dataScannedBytes()).isEqualTo(Files.size(DATASETS.resolve("seattle-weather.csv")));
    }

    @Test
    void ordersAndLimitsRows()
            throws Exception
    {
        List<String[]> rows = Files.readAllLines(DATASETS.resolve("seattle-weather.csv")).stream().skip(1).map(line -> line.split(","))
                .sorted((a, b) -> Double.compare(Double.parseDouble(b[1]), Double.parseDouble(a[1]))).toList();

        TarnServices.Result result = tarn.run(tarn.root(), "SELECT \"date\", precipitation FROM weather ORDER BY precipitation DESC LIMIT 3",
                Optional.of("lab"));

        assertThat(result.columns()).extracting(ResultColumn::type).containsExactly("date", "double");
        assertThat(result.text()).extracting(row -> row.get(1))
                .containsExactly(rows.subList(0, 3).stream().map(row -> Double.toString(Double.parseDouble(row[1]))).toArray(String[]::new));
    }

    @Test
    void keepsRepeatedColumnNamesAsTheQueryGivesThem()
            throws Exception
    {
        List<String[]> rows = Files.readAllLines(DATASETS.resolve("seattle-weather.csv")).stream().skip(1).map(line -> line.split(",")).toList();
        String firstDate = rows.stream().map(row -> row[0]).sorted().findFirst().orElseThrow();
        String firstWeather = rows.stream().filter(row -> row[0].equals(firstDate)).map(row -> row[5]).findFirst().orElseThrow();

        TarnServices.Result repeated = tarn.run(tarn.root(), "SELECT weather, weather, wind AS w, 1 AS w_1 FROM weather ORDER BY \"date\" LIMIT 1",
                Optional.of("lab"));
        TarnServices.Result suffixed = tarn.run(tarn.root(), "SELECT wind AS w, \"date\" AS w_1, weather AS W_2 FROM weather ORDER BY \"date\" LIMIT 1",
                Optional.of("lab"));

        assertThat(repeated.columns()).extracting(ResultColumn::name).containsExactly("weather", "weather", "w", "w_1");
        assertThat(repeated.columns()).extracting(ResultColumn::type).containsExactly("varchar", "varchar", "double", "integer");
        assertThat(repeated.text()).containsExactly(List.of(firstWeather, firstWeather, repeated.text().get(0).get(2), "1"));
        assertThat(suffixed.columns()).extracting(ResultColumn::name).containsExactly("w", "w_1", "w_2");
        assertThat(suffixed.columns()).extracting(ResultColumn::type).containsExactly("double", "date", "varchar");
        assertThat(suffixed.text().get(0).subList(1, 3)).containsExactly(firstDate, firstWeather);
    }
}
