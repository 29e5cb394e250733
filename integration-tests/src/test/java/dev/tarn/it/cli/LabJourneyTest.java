package dev.tarn.it.cli;

import dev.tarn.it.Datasets;
import dev.tarn.it.Sha256;
import dev.tarn.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey of a user following a data lab with the AWS CLI, against a real Tarn: make a
 * bucket, upload a CSV, list it, upload it gzipped with a Cache-Control, upload a file large
 * enough for the CLI to switch to multipart and download it back, turn versioning on, change
 * the storage class, read a range, presign a URL, remove things, and find everything again
 * after a restart.
 */
class LabJourneyTest
{
    private static final String BUCKET = "lab-journey";
    private static final String SCRATCH = "lab-scratch";
    /** The CLI's default multipart_threshold and multipart_chunksize. */
    private static final long CLI_PART_SIZE = 8L * 1024 * 1024;

    @TempDir
    static Path workDir;

    private static TestServer server;
    private static AwsCli aws;

    @BeforeAll
    static void start()
    {
        server = TestServer.start();
        aws = AwsCli.forDataDir(server.dataDir(), workDir);
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void labJourneySurvivesRestart()
            throws Exception
    {
        Path lab1 = Files.copy(Datasets.path("seattle-weather.csv"), workDir.resolve("lab1.csv"));
        Path airports = Files.copy(Datasets.path("airports.csv"), workDir.resolve("airports.csv"));

        // make a bucket, upload the lab's CSV, list both
        assertThat(aws.ok("s3", "mb", "s3://" + BUCKET)).contains("make_bucket: " + BUCKET);
        aws.ok("s3", "cp", "lab1.csv", "s3://" + BUCKET + "/", "--no-progress");
        assertThat(aws.ok("s3", "ls").lines()).anyMatch(line -> line.endsWith(" " + BUCKET));
        String listedLab1 = ".*\\s" + Files.size(lab1) + " lab1\\.csv";
        assertThat(aws.ok("s3", "ls", "s3://" + BUCKET + "/").lines()).anyMatch(line -> line.matches(listedLab1));

        // gzipped, with a Cache-Control
        Path gzipped = gzip(lab1, workDir.resolve("lab1.csv.gz"));
        aws.ok("s3", "cp", "lab1.csv.gz", "s3://" + BUCKET + "/gz/lab1.csv.gz", "--cache-control", "max-age=60", "--no-progress");
        assertThat(fields(aws.text("s3api", "head-object", "--bucket", BUCKET, "--key", "gz/lab1.csv.gz", "--query", "[CacheControl, ContentLength]")))
                .containsExactly("max-age=60", String.valueOf(Files.size(gzipped)));

        // larger than the CLI's multipart threshold: uploaded in parts, downloaded back identical
        Path flights = repeat(Datasets.path("flights-20k.json"), 12, workDir.resolve("flights.json"));
        long flightsSize = Files.size(flights);
        aws.ok("s3", "cp", "flights.json", "s3://" + BUCKET + "/big/flights.json", "--no-progress");
        List<String> head = fields(aws.text("s3api", "head-object", "--bucket", BUCKET, "--key", "big/flights.json", "--query", "[ContentLength, ETag]"));
        long parts = (flightsSize + CLI_PART_SIZE - 1) / CLI_PART_SIZE;
        assertThat(head.get(0)).isEqualTo(String.valueOf(flightsSize));
        assertThat(head.get(1)).as("multipart ETag").matches("\"[0-9a-f]{32}-" + parts + "\"");
        aws.ok("s3", "cp", "s3://" + BUCKET + "/big/flights.json", "flights-down.json", "--no-progress");
        assertThat(Sha256.of(workDir.resolve("flights-down.json"))).isEqualTo(Sha256.of(flights));

        // versioning: an overwrite keeps the first version, still readable
        aws.ok("s3api", "put-bucket-versioning", "--bucket", BUCKET, "--versioning-configuration", "Status=Enabled");
        assertThat(aws.text("s3api", "get-bucket-versioning", "--bucket", BUCKET, "--query", "Status")).isEqualTo("Enabled");
        aws.ok("s3", "cp", "airports.csv", "s3://" + BUCKET + "/lab1.csv", "--no-progress");
        assertThat(aws.text("s3api", "list-object-versions", "--bucket", BUCKET, "--prefix", "lab1.csv", "--query", "length(Versions)"))
                .isEqualTo("2");
        String firstVersion = aws.text("s3api", "list-object-versions", "--bucket", BUCKET, "--prefix", "lab1.csv",
                "--query", "Versions[?IsLatest==`false`].VersionId | [0]");
        aws.ok("s3api", "get-object", "--bucket", BUCKET, "--key", "lab1.csv", "--version-id", firstVersion, "lab1-first.csv");
        assertThat(Sha256.of(workDir.resolve("lab1-first.csv"))).isEqualTo(Sha256.of(lab1));

        // storage class changed by copying the object onto itself
        aws.ok("s3", "cp", "s3://" + BUCKET + "/lab1.csv", "s3://" + BUCKET + "/lab1.csv", "--storage-class", "STANDARD_IA", "--no-progress");
        assertThat(fields(aws.text("s3api", "head-object", "--bucket", BUCKET, "--key", "lab1.csv", "--query", "[StorageClass, ContentLength]")))
                .containsExactly("STANDARD_IA", String.valueOf(Files.size(airports)));

        // a ranged read
        assertThat(fields(aws.text("s3api", "get-object", "--bucket", BUCKET, "--key", "lab1.csv", "--range", "bytes=100-299", "range.out",
                "--query", "[ContentRange, ContentLength]")))
                .containsExactly("bytes", "100-299/" + Files.size(airports), "200");
        assertThat(Files.readAllBytes(workDir.resolve("range.out"))).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(airports), 100, 300));

        // rm and rb, on a bucket of their own
        aws.ok("s3", "mb", "s3://" + SCRATCH);
        aws.ok("s3", "cp", "lab1.csv", "s3://" + SCRATCH + "/lab1.csv", "--no-progress");
        assertThat(aws.text("s3api", "list-objects-v2", "--bucket", SCRATCH, "--no-paginate", "--query", "KeyCount")).isEqualTo("1");
        assertThat(aws.ok("s3", "rm", "s3://" + SCRATCH + "/lab1.csv")).contains("delete: s3://" + SCRATCH + "/lab1.csv");
        assertThat(aws.text("s3api", "list-objects-v2", "--bucket", SCRATCH, "--no-paginate", "--query", "KeyCount")).isEqualTo("0");
        assertThat(aws.ok("s3", "rb", "s3://" + SCRATCH)).contains("remove_bucket: " + SCRATCH);
        assertThat(aws.ok("s3", "ls").lines()).noneMatch(line -> line.endsWith(" " + SCRATCH));

        // who am I
        assertThat(aws.text("sts", "get-caller-identity", "--query", "Account")).isEqualTo(server.accountId());

        // a presigned URL works for anyone holding it
        String url = aws.ok("s3", "presign", "s3://" + BUCKET + "/big/flights.json", "--expires-in", "300").strip();
        assertThat(fetch(url)).isEqualTo(Sha256.of(flights));

        // everything is still there after a restart, and reads back identical
        List<String> before = inventory();
        server.restart();
        assertThat(inventory()).isEqualTo(before);
        aws.ok("s3", "cp", "s3://" + BUCKET + "/", "after/", "--recursive", "--no-progress");
        assertThat(Sha256.of(workDir.resolve("after/lab1.csv"))).isEqualTo(Sha256.of(airports));
        assertThat(Sha256.of(workDir.resolve("after/gz/lab1.csv.gz"))).isEqualTo(Sha256.of(gzipped));
        assertThat(Sha256.of(workDir.resolve("after/big/flights.json"))).isEqualTo(Sha256.of(flights));
        aws.ok("s3api", "get-object", "--bucket", BUCKET, "--key", "lab1.csv", "--version-id", firstVersion, "lab1-first-after.csv");
        assertThat(Sha256.of(workDir.resolve("lab1-first-after.csv"))).isEqualTo(Sha256.of(lab1));
    }

    @Test
    void wrongSecretIsRejected()
    {
        String accessKeyId = server.credentials().resolveCredentials().accessKeyId();
        CliResult result = aws.withKeys(accessKeyId, "not-the-secret-of-this-key-0123456789abc").run("s3", "ls");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("SignatureDoesNotMatch");
    }

    @Test
    void unknownAccessKeyIsRejected()
    {
        CliResult result = aws.withKeys("AKIANOSUCHKEY0000000", "whatever-secret-0123456789abcdefghijklmn").run("s3", "ls");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("InvalidAccessKeyId");
    }

    /** What a user would look at: buckets, keys with sizes, ETags and storage classes, versions, headers. */
    private static List<String> inventory()
    {
        return List.of(
                aws.ok("s3", "ls"),
                aws.text("s3api", "list-objects-v2", "--bucket", BUCKET, "--query", "Contents[].[Key, Size, ETag, StorageClass]"),
                aws.text("s3api", "list-object-versions", "--bucket", BUCKET, "--query", "Versions[].[Key, VersionId, Size, IsLatest]"),
                aws.text("s3api", "head-object", "--bucket", BUCKET, "--key", "gz/lab1.csv.gz", "--query", "[CacheControl, ContentLength, ETag]"),
                aws.text("s3api", "get-bucket-versioning", "--bucket", BUCKET, "--query", "Status"));
    }

    private static String fetch(String url)
            throws IOException, InterruptedException
    {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        return Sha256.of(response.body());
    }

    private static List<String> fields(String text)
    {
        return List.of(text.split("\\s+"));
    }

    private static Path gzip(Path source, Path target)
            throws IOException
    {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }

    private static Path repeat(Path source, int times, Path target)
            throws IOException
    {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int i = 0; i < times; i++) {
                Files.copy(source, out);
            }
        }
        return target;
    }
}
