package dev.tarn.kms;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KeyArnsTest
{
    private static final String KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void keyIdsAndArnsNameKeysOfTheirAccount()
    {
        assertThat(KeyArns.parse(KEY, "111122223333", "us-east-1"))
                .contains(new KeyArns.KeyReference("111122223333", Optional.of(KEY), Optional.empty(), KEY));
        String arn = "arn:aws:kms:us-east-1:444455556666:key/" + KEY;
        assertThat(KeyArns.parse(arn, "111122223333", "us-east-1"))
                .contains(new KeyArns.KeyReference("444455556666", Optional.of(KEY), Optional.empty(), arn));
    }

    @Test
    void aliasesAndAliasArns()
    {
        assertThat(KeyArns.parse("alias/lake", "111122223333", "us-east-1").orElseThrow().aliasName()).contains("alias/lake");
        KeyArns.KeyReference aliasArn = KeyArns.parse("arn:aws:kms:us-east-1:444455556666:alias/lake", "111122223333", "us-east-1").orElseThrow();
        assertThat(aliasArn.accountId()).isEqualTo("444455556666");
        assertThat(aliasArn.aliasName()).contains("alias/lake");
    }

    @Test
    void otherRegionsAndMalformedIdsNameNothing()
    {
        assertThat(KeyArns.parse("arn:aws:kms:eu-west-1:111122223333:key/" + KEY, "111122223333", "us-east-1")).isEmpty();
        assertThat(KeyArns.parse("arn:aws:kms:us-east-1:111122223333:key/not-a-uuid", "111122223333", "us-east-1")).isEmpty();
        assertThat(KeyArns.parse(KEY.toUpperCase(), "111122223333", "us-east-1")).isEmpty();
        assertThat(KeyArns.parse("lake", "111122223333", "us-east-1")).isEmpty();
    }

    @Test
    void ciphertextBlobsRoundTripAndRejectForeignBytes()
    {
        CiphertextBlob blob = new CiphertextBlob("111122223333", KEY, 3, new byte[12], new byte[20]);
        assertThat(CiphertextBlob.parse(blob.toBytes())).contains(blob);
        byte[] otherFormat = blob.toBytes();
        otherFormat[0] = 2;
        assertThat(CiphertextBlob.parse(otherFormat)).isEmpty();
        assertThat(CiphertextBlob.parse(new byte[10])).isEmpty();
    }
}
