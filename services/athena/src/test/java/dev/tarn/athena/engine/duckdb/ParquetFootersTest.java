package dev.tarn.athena.engine.duckdb;

import org.apache.parquet.format.FileMetaData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParquetFootersTest
{
    private static PlaintextCache.Identity object(String key, String etag)
    {
        return new PlaintextCache.Identity("lake", key, etag, 1000);
    }

    private static FileMetaData footer(long rows)
    {
        return new FileMetaData().setNum_rows(rows);
    }

    @Test
    void keepsFootersPerObjectVersionAndDropsTheLeastRecentlyUsedBeyondTheCapacity()
    {
        ParquetFooters footers = new ParquetFooters(100);
        footers.keep(object("a", "1"), footer(1), 40);
        footers.keep(object("b", "1"), footer(2), 40);

        assertThat(footers.find(object("a", "1"))).map(FileMetaData::getNum_rows).contains(1L);
        assertThat(footers.find(object("a", "2"))).as("another version of the object").isEmpty();

        // "a" was used last: "b" goes to make room
        footers.keep(object("c", "1"), footer(3), 40);
        assertThat(footers.find(object("b", "1"))).isEmpty();
        assertThat(footers.find(object("a", "1"))).isPresent();
        assertThat(footers.find(object("c", "1"))).map(FileMetaData::getNum_rows).contains(3L);

        footers.keep(object("d", "1"), footer(4), 101);
        assertThat(footers.find(object("d", "1"))).as("larger than the whole capacity").isEmpty();
        assertThat(footers.find(object("a", "1"))).isPresent();
    }

    @Test
    void keepsNothingWithoutCapacity()
    {
        ParquetFooters footers = new ParquetFooters(0);
        footers.keep(object("a", "1"), footer(1), 1);

        assertThat(footers.find(object("a", "1"))).isEmpty();
    }
}
