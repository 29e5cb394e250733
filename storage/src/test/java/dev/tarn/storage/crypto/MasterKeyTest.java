package dev.tarn.storage.crypto;

import dev.tarn.storage.blob.DataKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyTest
{
    @TempDir
    Path directory;

    @Test
    void keyFileIsCreatedOwnerOnlyAndReloads()
            throws Exception
    {
        Path file = directory.resolve("data").resolve("master.key");
        MasterKey created = MasterKey.loadOrCreate(file);

        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }

        DataKey dataKey = created.newDataKey();
        MasterKey reloaded = MasterKey.loadOrCreate(file);
        assertThat(reloaded.unwrap(dataKey.wrapped())).isEqualTo(dataKey.plaintext());
    }

    @Test
    void keyFromBase64MatchesKeyFromFile()
            throws Exception
    {
        Path file = directory.resolve("master.key");
        MasterKey fromFile = MasterKey.loadOrCreate(file);
        MasterKey fromEnvironment = MasterKey.fromBase64(Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "\n");
        DataKey dataKey = fromFile.newDataKey();
        assertThat(fromEnvironment.unwrap(dataKey.wrapped())).isEqualTo(dataKey.plaintext());
    }

    @Test
    void dataKeysAreFreshEachTime()
    {
        MasterKey master = MasterKey.of(randomKey());
        DataKey first = master.newDataKey();
        DataKey second = master.newDataKey();
        assertThat(first.plaintext()).hasSize(32).isNotEqualTo(second.plaintext());
        assertThat(first.wrapped()).isNotEqualTo(second.wrapped());
        // versioned format: version byte, 12-byte nonce, 32-byte key, 16-byte tag
        assertThat(first.wrapped()).hasSize(61);
        assertThat(first.wrapped()[0]).isEqualTo((byte) 1);
    }

    @Test
    void tamperedWrappedKeyFails()
            throws Exception
    {
        MasterKey master = MasterKey.of(randomKey());
        DataKey dataKey = master.newDataKey();
        byte[] wrapped = dataKey.wrapped();
        for (int i = 0; i < wrapped.length; i++) {
            byte[] tampered = wrapped.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> master.unwrap(tampered)).as("byte %s", i).isInstanceOf(KeyUnwrapException.class);
        }
        byte[] truncated = java.util.Arrays.copyOf(wrapped, wrapped.length - 1);
        assertThatThrownBy(() -> master.unwrap(truncated)).isInstanceOf(KeyUnwrapException.class);
        assertThat(master.unwrap(wrapped)).isEqualTo(dataKey.plaintext());
    }

    @Test
    void otherMasterKeyCannotUnwrap()
    {
        DataKey dataKey = MasterKey.of(randomKey()).newDataKey();
        assertThatThrownBy(() -> MasterKey.of(randomKey()).unwrap(dataKey.wrapped())).isInstanceOf(KeyUnwrapException.class);
    }

    @Test
    void wrapperContextMustMatch()
            throws Exception
    {
        KeyWrapper wrapper = new KeyWrapper(randomKey());
        DataKey dataKey = wrapper.newDataKey(new byte[] {1, 2, 3});
        assertThat(wrapper.unwrap(dataKey.wrapped(), new byte[] {1, 2, 3})).isEqualTo(dataKey.plaintext());
        assertThatThrownBy(() -> wrapper.unwrap(dataKey.wrapped(), new byte[] {1, 2, 4})).isInstanceOf(KeyUnwrapException.class);
        assertThatThrownBy(() -> wrapper.unwrap(dataKey.wrapped())).isInstanceOf(KeyUnwrapException.class);
    }

    @Test
    void rejectsMalformedKeys()
            throws Exception
    {
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
        Path shortFile = directory.resolve("short.key");
        Files.write(shortFile, new byte[31]);
        assertThatThrownBy(() -> MasterKey.loadOrCreate(shortFile)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void neverPrintsTheKey()
    {
        byte[] key = randomKey();
        assertThat(MasterKey.of(key).toString()).doesNotContain(Base64.getEncoder().encodeToString(key));
    }

    private static byte[] randomKey()
    {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
