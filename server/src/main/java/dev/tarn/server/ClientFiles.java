package dev.tarn.server;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes {@code DATA_DIR/credentials} (AWS shared-credentials format, mode 0600) and
 * {@code DATA_DIR/config} (region and endpoint_url), so that
 * {@code AWS_SHARED_CREDENTIALS_FILE=data/credentials AWS_CONFIG_FILE=data/config aws s3 ls}
 * talks to this installation with no other set-up. The config also asks for SigV4 presigned
 * URLs: AWS CLI v1 ({@code aws s3 presign}) otherwise signs them with SigV2 in us-east-1,
 * which Tarn does not accept.
 */
final class ClientFiles
{
    private ClientFiles() {}

    static void write(Path dataDir, RootAccount root, String region, URI endpoint)
            throws IOException
    {
        writePrivate(dataDir.resolve("credentials"), """
                [default]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(root.accessKeyId(), root.secretAccessKey()));
        writePrivate(dataDir.resolve("config"), """
                [default]
                region = %s
                endpoint_url = %s
                s3 =
                    signature_version = s3v4
                """.formatted(region, endpoint));
    }

    private static void writePrivate(Path file, String content)
            throws IOException
    {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
