package dev.tarn.storage.checksum;

import dev.tarn.storage.blob.ChecksumAlgorithm;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Several checksums computed in one pass: each piece of input is fed to every calculator while it is hot in cache. */
public final class MultiChecksum
{
    private final ChecksumCalculator[] calculators;

    public MultiChecksum(Set<ChecksumAlgorithm> algorithms)
    {
        Set<ChecksumAlgorithm> distinct = EnumSet.noneOf(ChecksumAlgorithm.class);
        distinct.addAll(algorithms);
        this.calculators = distinct.stream()
                .map(Checksums::newCalculator)
                .toArray(ChecksumCalculator[]::new);
    }

    public void update(byte[] bytes, int offset, int length)
    {
        for (ChecksumCalculator calculator : calculators) {
            calculator.update(bytes, offset, length);
        }
    }

    public Map<ChecksumAlgorithm, byte[]> finish()
    {
        Map<ChecksumAlgorithm, byte[]> values = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumCalculator calculator : calculators) {
            values.put(calculator.algorithm(), calculator.finish());
        }
        return values;
    }
}
