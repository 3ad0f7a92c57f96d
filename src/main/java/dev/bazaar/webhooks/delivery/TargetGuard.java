package dev.bazaar.webhooks.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a webhook may be sent to (docs/WEBHOOKS.md, "Where webhooks may go"). A URL must be {@code https}, carry no
 * credentials, name a public host (no {@code localhost}, {@code *.internal}, single-label names, or IPv4 addresses in
 * anything but dotted decimal) on port 443 or 1024–65535, and every address its host resolves to must be public: not
 * loopback, private, link-local, CGNAT, benchmarking, documentation, multicast, broadcast, reserved, unique-local,
 * IPv4-mapped or -compatible, or an IPv6 transition form of those. With {@code allowInsecureTargets} (development and
 * tests only) {@code http} and every address are allowed; credentials and non-canonical IPv4 forms never are.
 */
public final class TargetGuard {

    private static final Pattern DOTTED_DECIMAL = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final List<String> FORBIDDEN_SUFFIXES = List.of(".localhost", ".local", ".internal", ".home.arpa", ".arpa");
    private static final List<String> FORBIDDEN_NAMES = List.of("localhost", "metadata", "instance-data", "metadata.google.internal");
    private static final java.util.concurrent.ExecutorService LOOKUPS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** Names a refused address or URL; at send time it fails the attempt without any connection. */
    public static final class ForbiddenTargetException extends UnknownHostException {
        public ForbiddenTargetException(String reason) {
            super(reason);
        }
    }

    private final boolean allowInsecure;

    public TargetGuard(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /** Why the URL may not be a webhook target, or empty when it may (addresses of host names are checked on resolving). */
    public Optional<String> checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            return Optional.of("must use https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("must not contain credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a valid host");
        }
        int port = uri.getPort();
        if (port == 0 || (!allowInsecure && port != -1 && port != 443 && port < 1024)) {
            return Optional.of("must use port 443 or a port from 1024 to 65535");
        }
        return checkHost(uri.getHost());
    }

    /** Why the host (as a URL names it) may not be a target, judging its literal form only. */
    Optional<String> checkHost(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.contains("%")) {
                return Optional.of("must name a valid host");
            }
            try {
                return forbidden(InetAddress.getByName(host.substring(1, host.length() - 1)));
            } catch (UnknownHostException e) {
                return Optional.of("must name a valid host");
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String[] labels = host.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // A host ending in a number is an IPv4 address to URL parsers and resolvers (inet_aton reads 127.1,
            // 2130706433, 0x7f.1 and 0177.0.0.1 as loopback): only the unambiguous dotted-decimal form is accepted.
            if (!DOTTED_DECIMAL.matcher(host).matches()) {
                return Optional.of("must write an IPv4 address in dotted decimal");
            }
            try {
                return forbidden(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return Optional.of("must name a valid host");
            }
        }
        if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
            return Optional.of("must name a valid host");
        }
        if (allowInsecure) {
            return Optional.empty();
        }
        if (!host.contains(".") || FORBIDDEN_NAMES.contains(host) || FORBIDDEN_SUFFIXES.stream().anyMatch(host::endsWith)) {
            return Optional.of("must name a public host");
        }
        return Optional.empty();
    }

    /**
     * The guard's lookup, given at most {@code limit}: the system resolver cannot be interrupted (a request's cancel
     * does not reach it), so it runs on its own virtual thread and a slow name server fails the attempt instead of
     * outliving its lease.
     */
    public InetAddress[] resolveWithin(String host, java.time.Duration limit) throws UnknownHostException {
        java.util.concurrent.Future<InetAddress[]> lookup = LOOKUPS.submit(() -> resolve(host));
        try {
            return lookup.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host + ": the name lookup took longer than " + limit.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
    }

    /**
     * Resolves the host and returns its addresses only when every one of them is allowed: the connection then uses
     * exactly the addresses that were checked (no second lookup that could answer differently).
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<String> literal = checkHost(host);
        if (literal.isPresent()) {
            throw new ForbiddenTargetException(host + " " + literal.get());
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        for (InetAddress address : addresses) {
            Optional<String> reason = forbidden(address);
            if (reason.isPresent()) {
                throw new ForbiddenTargetException(host + " resolves to " + address.getHostAddress() + ", which " + reason.get());
            }
        }
        return addresses;
    }

    /** Why the address may not be connected to, or empty when it may. */
    Optional<String> forbidden(InetAddress address) {
        if (allowInsecure) {
            return Optional.empty();
        }
        return address instanceof Inet4Address v4 ? forbiddenV4(v4.getAddress())
                : forbiddenV6(((Inet6Address) address).getAddress());
    }

    private static final int[][] FORBIDDEN_V4 = {
            {0, 0, 0, 0, 8}, {10, 0, 0, 0, 8}, {100, 64, 0, 0, 10}, {127, 0, 0, 0, 8}, {169, 254, 0, 0, 16},
            {172, 16, 0, 0, 12}, {192, 0, 0, 0, 24}, {192, 0, 2, 0, 24}, {192, 88, 99, 0, 24}, {192, 168, 0, 0, 16},
            {198, 18, 0, 0, 15}, {198, 51, 100, 0, 24}, {203, 0, 113, 0, 24}, {224, 0, 0, 0, 4}, {240, 0, 0, 0, 4}};

    private static Optional<String> forbiddenV4(byte[] address) {
        long value = ((address[0] & 0xFFL) << 24) | ((address[1] & 0xFFL) << 16) | ((address[2] & 0xFFL) << 8) | (address[3] & 0xFFL);
        for (int[] range : FORBIDDEN_V4) {
            long network = ((long) range[0] << 24) | ((long) range[1] << 16) | ((long) range[2] << 8) | range[3];
            long mask = (0xFFFFFFFFL << (32 - range[4])) & 0xFFFFFFFFL;
            if ((value & mask) == network) {
                return Optional.of("is not a public address (" + range[0] + "." + range[1] + "." + range[2] + "." + range[3]
                        + "/" + range[4] + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenV6(byte[] a) {
        int first = a[0] & 0xFF;
        int second = a[1] & 0xFF;
        int word0 = (first << 8) | second;
        int word1 = ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
        if (word0 == 0x64 && word1 == 0xff9b) {
            // NAT64: only as safe as the IPv4 address it carries.
            return forbiddenV4(new byte[] {a[12], a[13], a[14], a[15]});
        }
        if (first == 0) {
            return Optional.of("is not a public address (::/8: unspecified, loopback, IPv4-mapped or -compatible)");
        }
        if (word0 == 0x2002) {
            // 6to4: likewise.
            return forbiddenV4(new byte[] {a[2], a[3], a[4], a[5]});
        }
        if (word0 == 0x0100 || (word0 == 0x2001 && word1 == 0) || (word0 == 0x2001 && word1 == 0x0db8)
                || (first & 0xFE) == 0xFC || (first == 0xFE && (second & 0xC0) == 0x80) || (first == 0xFE && (second & 0xC0) == 0xC0)
                || first == 0xFF) {
            return Optional.of("is not a public address (discard, Teredo, documentation, unique-local, link-local, "
                    + "site-local or multicast)");
        }
        return Optional.empty();
    }
}
