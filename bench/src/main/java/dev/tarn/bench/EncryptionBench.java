package dev.tarn.bench;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * What SSE-KMS costs against SSE-S3: PUT and GET throughput of 64 MiB and 1 MiB objects through
 * the AWS SDK for Java v2 against a Tarn server in this JVM on 127.0.0.1, with 1 and 8
 * concurrent clients. SSE-S3 is the default (no header); SSE-KMS names a customer key created
 * through KMS. Both modes encrypt every object with its own data key; SSE-KMS has that key
 * generated (PUT) and decrypted (GET) by the KMS service, with its authorization, instead of
 * wrapping it with the master key.
 *
 * <p>After a warm-up, each case is measured for both modes in alternating order, several
 * times; the medians and the KMS/S3 ratio are printed. Every batch is bounded by its object
 * count and a time limit.
 *
 * <p>Usage: {@code EncryptionBench [repeats]} (default 3).
 */
public final class EncryptionBench
{
    private static final String BUCKET = "encryption-bench";
    private static final int MIB = 1 << 20;
    private static final long BATCH_TIME_LIMIT = TimeUnit.SECONDS.toNanos(60);
    private static final int IO_BUFFER = 64 << 10;

    /** One measured case: objects of a size, on a number of clients, so many objects per batch. */
    private record Case(int objectBytes, int clients, int objects) {}

    private static final List<Case> CASES = List.of(
            new Case(64 * MIB, 1, 4),
            new Case(64 * MIB, 8, 8),
            new Case(MIB, 1, 48),
            new Case(MIB, 8, 96));

    private enum Mode
    {
        SSE_S3, SSE_KMS
    }

    private final int repeats;
    private final byte[] data = new byte[64 * MIB];

    private EncryptionBench(int repeats)
    {
        this.repeats = repeats;
        new Random(1).nextBytes(data);
    }

    public static void main(String[] args)
            throws Exception
    {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be positive");
        }
        new EncryptionBench(repeats).run();
    }

    private void run()
            throws Exception
    {
        System.out.printf(Locale.ROOT, "Encryption benchmark: SSE-S3 (default) against SSE-KMS (customer key), %d runs per case and mode%n", repeats);
        System.out.println(IdentityBenchServer.describeMachine());
        try (IdentityBenchServer server = IdentityBenchServer.start("encryption-bench");
                S3Client s3 = server.s3(server.rootCredentials(), 16)) {
            String keyArn;
            try (KmsClient kms = server.kms()) {
                keyArn = kms.createKey(request -> request.description("encryption benchmark")).keyMetadata().arn();
            }
            s3.createBucket(request -> request.bucket(BUCKET));
            Transfers transfers = new Transfers(s3, keyArn);
            transfers.checkModes();
            // both JVM sides compiled, the KMS key's records and the connection pool warm
            for (Mode mode : Mode.values()) {
                transfers.putAndGet(mode, new Case(64 * MIB, 2, 4));
                transfers.putAndGet(mode, new Case(MIB, 8, 96));
            }
            System.out.printf(Locale.ROOT, "%n| Object size | Clients | Objects per run | Operation | SSE-S3 MB/s (median) | SSE-KMS MB/s (median) | KMS/S3 | SSE-S3 runs | SSE-KMS runs | Load (1 min) |%n");
            System.out.println("|---:|---:|---:|---|---:|---:|---:|---|---|---|");
            for (Case measured : CASES) {
                measure(transfers, measured);
            }
        }
        System.out.println("load average at the end: " + IdentityBenchServer.loadAverage());
    }

    private void measure(Transfers transfers, Case measured)
            throws Exception
    {
        List<Double> putS3 = new ArrayList<>();
        List<Double> getS3 = new ArrayList<>();
        List<Double> putKms = new ArrayList<>();
        List<Double> getKms = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            // alternate which mode goes first, so a drift in the machine's load favours neither
            List<Mode> order = repeat % 2 == 0 ? List.of(Mode.SSE_S3, Mode.SSE_KMS) : List.of(Mode.SSE_KMS, Mode.SSE_S3);
            for (Mode mode : order) {
                Rates rates = transfers.putAndGet(mode, measured);
                (mode == Mode.SSE_S3 ? putS3 : putKms).add(rates.put());
                (mode == Mode.SSE_S3 ? getS3 : getKms).add(rates.get());
            }
        }
        String load = IdentityBenchServer.loadAverage().split(" ")[0];
        row(measured, "PUT", putS3, putKms, load);
        row(measured, "GET", getS3, getKms, load);
    }

    private static void row(Case measured, String operation, List<Double> s3, List<Double> kms, String load)
    {
        double s3Median = IdentityBenchBatch.median(s3);
        double kmsMedian = IdentityBenchBatch.median(kms);
        System.out.printf(Locale.ROOT, "| %d MiB | %d | %d | %s | %.0f | %.0f | %.1f%% | %s | %s | %s |%n", measured.objectBytes() / MIB, measured.clients(),
                measured.objects(), operation, s3Median, kmsMedian, 100 * kmsMedian / s3Median, rates(s3), rates(kms), load);
    }

    private static String rates(List<Double> rates)
    {
        return String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList());
    }

    private record Rates(double put, double get) {}

    /** PUTs and GETs of the benchmark's objects in one mode; bodies come from one shared array, never copied per request. */
    private final class Transfers
    {
        private final S3Client s3;
        private final String keyArn;

        Transfers(S3Client s3, String keyArn)
        {
            this.s3 = requireNonNull(s3, "s3 is null");
            this.keyArn = requireNonNull(keyArn, "keyArn is null");
        }

        /** The objects are stored as the figures claim: AES256 by default, aws:kms with the benchmark's key. */
        void checkModes()
        {
            ServerSideEncryption s3Mode = s3.putObject(request(Mode.SSE_S3, "check", MIB), body(MIB)).serverSideEncryption();
            ServerSideEncryption kmsMode = s3.putObject(request(Mode.SSE_KMS, "check", MIB), body(MIB)).serverSideEncryption();
            String kmsKey = s3.headObject(request -> request.bucket(BUCKET).key(key(Mode.SSE_KMS, "check", MIB))).ssekmsKeyId();
            if (s3Mode != ServerSideEncryption.AES256 || kmsMode != ServerSideEncryption.AWS_KMS || !keyArn.equals(kmsKey)) {
                throw new IllegalStateException("objects are not encrypted as intended: " + s3Mode + ", " + kmsMode + " with " + kmsKey);
            }
        }

        /** MB/s of PUTting the case's objects, then of GETting the ones that were put. */
        Rates putAndGet(Mode mode, Case measured)
                throws Exception
        {
            IdentityBenchBatch batch = new IdentityBenchBatch(measured.clients(), BATCH_TIME_LIMIT);
            int size = measured.objectBytes();
            IdentityBenchBatch.Result put = batch.run(measured.objects(), index -> {
                s3.putObject(request(mode, Integer.toString(index), size), body(size));
                return size;
            });
            IdentityBenchBatch.Result get = batch.run(put.operations(), index -> read(key(mode, Integer.toString(index), size), size));
            return new Rates(put.megabytesPerSecond(), get.megabytesPerSecond());
        }

        private PutObjectRequest request(Mode mode, String name, int size)
        {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(BUCKET).key(key(mode, name, size));
            if (mode == Mode.SSE_KMS) {
                request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyArn);
            }
            return request.build();
        }

        private RequestBody body(int size)
        {
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, size), size, "application/octet-stream");
        }

        private long read(String key, int expected)
                throws IOException
        {
            byte[] buffer = new byte[IO_BUFFER];
            long total = 0;
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(BUCKET).key(key))) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    total += read;
                }
            }
            if (total != expected) {
                throw new IllegalStateException(key + ": read " + total + " bytes of " + expected);
            }
            return total;
        }
    }

    private static String key(Mode mode, String name, int size)
    {
        return mode.name().toLowerCase(Locale.ROOT) + "/" + (size / MIB) + "MiB/" + name;
    }
}
