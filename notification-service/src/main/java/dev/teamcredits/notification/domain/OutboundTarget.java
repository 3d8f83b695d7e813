package dev.teamcredits.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where an org's webhook may call: the public internet over HTTPS. An admin could otherwise point
 * one at the service's own network (loopback, the cloud metadata address, private ranges) and read
 * or poke what only the service can reach. Judged on every address the host resolves to, when the
 * webhook is registered and again before every attempt (a name that later resolves inward is
 * refused then); redirects are never followed, so a receiver cannot bounce a call inward. An IPv6
 * address that carries an IPv4 one (NAT64, 6to4, Teredo, mapped…) reaches that IPv4 address through a
 * translator or tunnel, so it is judged as that address. Hosts on the allow-list (local development,
 * tests) skip both checks.
 */
public final class OutboundTarget {

    /** Why a target is refused, or that it is not. */
    public enum Verdict {
        ALLOWED, NOT_HTTPS, INTERNAL_ADDRESS
    }

    private OutboundTarget() {
    }

    public static boolean isAllowListed(URI url, Collection<String> allowedHosts) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(host));
    }

    /** The verdict on {@code url}, whose host resolved to {@code addresses}. */
    public static Verdict judge(URI url, List<InetAddress> addresses, Collection<String> allowedHosts) {
        if (isAllowListed(url, allowedHosts)) {
            return Verdict.ALLOWED;
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return Verdict.NOT_HTTPS;
        }
        return addresses.isEmpty() || addresses.stream().anyMatch(OutboundTarget::isInternal)
                ? Verdict.INTERNAL_ADDRESS : Verdict.ALLOWED;
    }

    /**
     * Where an IPv6 address carries an IPv4 address that a connection to it reaches: the IPv6 prefix
     * (whole bytes), where the IPv4 address starts, and whether it is stored inverted. Teredo has two, the
     * server's and the client's, and both are judged: either could be made to point inward.
     */
    private record Embedding(String form, byte[] prefix, int at, boolean inverted) {

        Embedding(String form, String prefixHex, int at, boolean inverted) {
            this(form, HexFormat.of().parseHex(prefixHex), at, inverted);
        }

        boolean carriedBy(byte[] address) {
            return startsWith(address, prefix);
        }

        byte[] ipv4(byte[] address) {
            byte[] v4 = Arrays.copyOfRange(address, at, at + 4);
            for (int i = 0; inverted && i < 4; i++) {
                v4[i] = (byte) ~v4[i];
            }
            return v4;
        }
    }

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding("IPv4-mapped ::ffff:0:0/96", "00000000000000000000ffff", 12, false),
            new Embedding("IPv4-compatible ::/96 (deprecated)", "000000000000000000000000", 12, false),
            new Embedding("IPv4-translated ::ffff:0:0:0/96 (RFC 2765)", "0000000000000000ffff0000", 12, false),
            new Embedding("NAT64 well-known prefix 64:ff9b::/96 (RFC 6052)", "0064ff9b0000000000000000", 12, false),
            new Embedding("6to4 2002::/16 (RFC 3056)", "2002", 2, false),
            new Embedding("Teredo server 2001::/32 (RFC 4380)", "20010000", 4, false),
            new Embedding("Teredo client 2001::/32 (RFC 4380)", "20010000", 12, true));

    /**
     * The local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215): its operator picks a longer prefix inside it,
     * and RFC 6052 puts the IPv4 address in other bits for each length, so the address alone does not
     * tell which IPv4 address it reaches. Such translators are the network's own: refused whole.
     */
    private static final byte[] LOCAL_USE_NAT64 = HexFormat.of().parseHex("0064ff9b0001");

    /**
     * Loopback, unspecified, link-local, private, shared (CGNAT), reserved, multicast, and IPv6's
     * unique-local; an IPv6 address that carries an IPv4 address (mapped, compatible, translated, NAT64,
     * 6to4, Teredo) is judged as the IPv4 address it reaches, and the local-use NAT64 prefix is refused.
     */
    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second & 0xfe) == 18);
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            if (uniqueLocal || startsWith(b, LOCAL_USE_NAT64)) {
                return true;
            }
            for (Embedding embedding : EMBEDDINGS) {
                if (embedding.carriedBy(b) && isInternal(ipv4(embedding.ipv4(b)))) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] address, byte[] prefix) {
        return Arrays.equals(address, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static InetAddress ipv4(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
