package dev.tarn.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * An IPv4 or IPv6 CIDR block of the IpAddress operators; a bare address is a block of one. The
 * text is checked to be an address literal before {@link InetAddress} sees it, so parsing never
 * looks a name up.
 */
record IpRange(byte[] network, int prefixLength)
{
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    IpRange
    {
        requireNonNull(network, "network is null");
        network = network.clone();
    }

    static Optional<IpRange> parse(String text)
    {
        String value = text.strip();
        int slash = value.indexOf('/');
        Optional<byte[]> address = parseAddress(slash < 0 ? value : value.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxPrefix = address.get().length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String digits = value.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > maxPrefix) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(address.get(), prefix));
    }

    /** The bytes of an IPv4 (4) or IPv6 (16) address literal; IPv4-mapped IPv6 addresses come back as IPv4. */
    static Optional<byte[]> parseAddress(String text)
    {
        String value = text.strip();
        if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value).getAddress());
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(byte[] address)
    {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
