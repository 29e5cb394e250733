package dev.tarn.it.athena;

import dev.tarn.it.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's plaintext cache for Athena: in memory ({@code /dev/shm}), holding a table's
 * decrypted objects after a query, emptied when the server stops, and absent when configured to 0.
 */
class AthenaCacheTest
{
    private static final Path MEMORY = Path.of("/dev/shm");
    private static final List<TaxiTrips.Trip> TRIPS = TaxiTrips.generate(7, 2000, 4);

    /** The cache folders in /dev/shm now. */
    private static List<Path> cacheFolders()
            throws IOException
    {
        try (Stream<Path> paths = Files.list(MEMORY)) {
            return paths.filter(path -> path.getFileName().toString().startsWith("tarn-athena-")).toList();
        }
    }

    private static long bytesIn(List<Path> folders)
            throws IOException
    {
        long bytes = 0;
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    bytes += Files.size(file);
                }
            }
        }
        return bytes;
    }

    private static String query(TestServer server)
    {
        try (AthenaClient athena = server.athena(); S3Client s3 = server.s3()) {
            s3.createBucket(request -> request.bucket("lake"));
            s3.createBucket(request -> request.bucket("results"));
            s3.putObject(request -> request.bucket("lake").key("yellow/april.csv"), RequestBody.fromString(TaxiTrips.csv(TRIPS)));
            Queries queries = new Queries(athena, "s3://results/cache/");
            queries.await(queries.start("CREATE DATABASE taxidata", Optional.empty()));
            queries.succeed(TaxiTrips.createTable("yellow", "s3://lake/yellow/"));
            String id = queries.succeed("SELECT count(*) FROM yellow").queryExecutionId();
            return queries.rows(id).get(1).get(0);
        }
    }

    @Test
    void aQueriedTableStaysInMemoryUntilTheServerStops()
            throws IOException
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(MEMORY) && Files.isWritable(MEMORY), "no /dev/shm here");
        List<Path> before = cacheFolders();
        TestServer server = TestServer.start();
        List<Path> folders;
        try {
            assertThat(query(server)).isEqualTo(Integer.toString(TRIPS.size()));
            folders = cacheFolders().stream().filter(folder -> !before.contains(folder)).toList();
            assertThat(folders).hasSize(1);
            // the object's plaintext: its size on the listing, each byte once
            assertThat(bytesIn(folders)).isEqualTo(TaxiTrips.csv(TRIPS).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        finally {
            server.close();
        }
        assertThat(folders.get(0)).doesNotExist();
    }

    @Test
    void noCacheWhenConfiguredToZero()
            throws IOException
    {
        List<Path> before = cacheFolders();
        TestServer server = TestServer.start(config -> config.withAthenaCacheMegabytes(0));
        try {
            assertThat(query(server)).isEqualTo(Integer.toString(TRIPS.size()));
            assertThat(cacheFolders()).isEqualTo(before);
        }
        finally {
            server.close();
        }
    }
}
