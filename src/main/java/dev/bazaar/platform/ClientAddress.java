package dev.bazaar.platform;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Client addresses as keys. {@link #bucket} is what one client controls: an IPv4 address, or an IPv6 /64 (one
 * subscriber gets a whole /64, so keying by /128 would let a client rotate through billions of addresses).
 * {@link #network} is the neighbourhood used to recognise a returning user: IPv4 /24, IPv6 /64. Anything that is not
 * an IP literal is returned lower-cased as it is. Never resolves names.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String bucket(String address) {
        InetAddress parsed = literal(address);
        if (parsed instanceof Inet6Address v6) {
            return prefix(v6.getAddress(), 8) + "::/64";
        }
        return parsed != null ? parsed.getHostAddress() : address.toLowerCase(Locale.ROOT);
    }

    public static String network(String address) {
        InetAddress parsed = literal(address);
        if (parsed instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        return bucket(address);
    }

    private static String prefix(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return text.toString();
    }

    private static InetAddress literal(String address) {
        String candidate = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean looksLiteral = !candidate.isEmpty() && candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!looksLiteral || candidate.indexOf(':') < 0 && candidate.chars().filter(c -> c == '.').count() != 3) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
