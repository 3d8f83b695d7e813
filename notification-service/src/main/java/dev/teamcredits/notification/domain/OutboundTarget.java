package dev.teamcredits.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Where an org's webhook may call: the public internet over HTTPS. An admin could otherwise point
 * one at the service's own network (loopback, the cloud metadata address, private ranges) and read
 * or poke what only the service can reach. Judged on every address the host resolves to, when the
 * webhook is registered and again before every attempt (a name that later resolves inward is
 * refused then); redirects are never followed, so a receiver cannot bounce a call inward. Hosts on
 * the allow-list (local development, tests) skip both checks.
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

    /** Loopback, unspecified, link-local, private, shared (CGNAT), multicast, and IPv6's unique-local. */
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
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address: judge that one.
            if (mappedOrCompatible && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (java.net.UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }
}
