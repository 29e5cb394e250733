package dev.tarn.s3.listing;

import java.util.List;

/** Entries of one kind (latest objects, versions, uploads) read from the store in listing order. */
public interface ListingSource<T>
{
    /** Up to {@code limit} entries after {@code position}, in listing order. */
    List<T> fetch(ListingPosition position, int limit);

    String key(T entry);

    /** The position just after this entry. */
    ListingPosition after(T entry);
}
