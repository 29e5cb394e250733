package dev.tarn.s3.post;

import dev.tarn.s3.object.BlobIngest;

/** The sizes a form's file may have, both bounds inclusive; never more than a single upload may carry. */
record SizeRange(long minimum, long maximum)
{
    static final SizeRange ANY = new SizeRange(0, BlobIngest.MAX_SINGLE_UPLOAD);

    /** Every content-length-range of a policy must hold, so together they allow what all of them allow. */
    SizeRange narrowedTo(long otherMinimum, long otherMaximum)
    {
        return new SizeRange(Math.max(minimum, otherMinimum), Math.min(maximum, otherMaximum));
    }
}
