package dev.tarn.athena.engine.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListingPageTest
{
    @Test
    void readsTheObjectsAndTheNextTokenOfATruncatedPage()
    {
        ListingPage page = ListingPage.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>lake</Name><Prefix>trips/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
                  <IsTruncated>true</IsTruncated>
                  <Contents><Key>trips/a &amp; b.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"x"</ETag><Size>12</Size>
                    <Owner><ID>o</ID></Owner><StorageClass>STANDARD</StorageClass></Contents>
                  <Contents><Key>trips/c.csv</Key><Size>0</Size></Contents>
                  <NextContinuationToken>next-page</NextContinuationToken>
                </ListBucketResult>""");

        assertThat(page.contents()).containsExactly(new ListingPage.Entry("trips/a & b.csv", 12), new ListingPage.Entry("trips/c.csv", 0));
        assertThat(page.nextToken()).contains("next-page");
    }

    @Test
    void aLastPageHasNoNextToken()
    {
        ListingPage page = ListingPage.parse("<ListBucketResult><IsTruncated>false</IsTruncated><NextContinuationToken>t</NextContinuationToken></ListBucketResult>");

        assertThat(page.contents()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void refusesDocumentTypeDeclarations()
    {
        assertThatThrownBy(() -> ListingPage.parse("""
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <ListBucketResult><Contents><Key>&x;</Key><Size>1</Size></Contents></ListBucketResult>"""))
                .isInstanceOf(IllegalStateException.class);
    }
}
