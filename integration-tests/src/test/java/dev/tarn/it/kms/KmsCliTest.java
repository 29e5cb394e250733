package dev.tarn.it.kms;

import dev.tarn.it.TestServer;
import dev.tarn.it.cli.AwsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The AWS CLI's {@code aws kms encrypt} and {@code decrypt} with {@code fileb://}, when the CLI is installed. */
class KmsCliTest
{
    private static TestServer server;
    private static Optional<Path> cli;

    @TempDir
    Path directory;

    @BeforeAll
    static void start()
    {
        cli = AwsCli.installed();
        server = TestServer.start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void encryptAndDecryptFiles()
            throws Exception
    {
        assumeThat(cli).as("the aws CLI on PATH").isPresent();
        String keyId;
        try (KmsClient kms = server.kms()) {
            keyId = kms.createKey(request -> request.description("cli")).keyMetadata().keyId();
        }
        byte[] plaintext = "a row of the lake\n\u0000\u00ff binary too".getBytes(StandardCharsets.ISO_8859_1);
        Path plainFile = Files.write(directory.resolve("plain.bin"), plaintext);

        String ciphertext = aws("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plainFile,
                "--encryption-context", "purpose=cli", "--query", "CiphertextBlob", "--output", "text");
        Path cipherFile = Files.write(directory.resolve("cipher.bin"), Base64.getDecoder().decode(ciphertext.strip()));

        String decrypted = aws("kms", "decrypt", "--ciphertext-blob", "fileb://" + cipherFile,
                "--encryption-context", "purpose=cli", "--query", "Plaintext", "--output", "text");
        assertThat(Base64.getDecoder().decode(decrypted.strip())).isEqualTo(plaintext);
    }

    private String aws(String... arguments)
    {
        return AwsCli.forDataDir(server.dataDir(), directory).ok(arguments);
    }
}
