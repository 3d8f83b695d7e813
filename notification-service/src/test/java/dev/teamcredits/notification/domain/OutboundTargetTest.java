package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OutboundTargetTest {

    private static OutboundTarget.Verdict judge(String url, String address, Set<String> allowed)
            throws UnknownHostException {
        List<InetAddress> addresses = address.isEmpty() ? List.of() : List.of(InetAddress.getByName(address));
        return OutboundTarget.judge(URI.create(url), addresses, allowed);
    }

    @ParameterizedTest(name = "{0} resolving to {1}: {2}")
    @CsvSource({
            "https://hooks.example.com/x, 93.184.216.34, ALLOWED",
            "https://hooks.example.com/x, 2606:2800:220:1:248:1893:25c8:1946, ALLOWED",
            "http://hooks.example.com/x, 93.184.216.34, NOT_HTTPS",
            "https://127.0.0.1/x, 127.0.0.1, INTERNAL_ADDRESS",
            "https://localhost/x, ::1, INTERNAL_ADDRESS",
            "https://metadata.example/x, 169.254.169.254, INTERNAL_ADDRESS",
            "https://intranet.example/x, 10.1.2.3, INTERNAL_ADDRESS",
            "https://intranet.example/x, 172.16.0.9, INTERNAL_ADDRESS",
            "https://intranet.example/x, 192.168.1.1, INTERNAL_ADDRESS",
            "https://carrier.example/x, 100.64.0.1, INTERNAL_ADDRESS",
            "https://zero.example/x, 0.0.0.0, INTERNAL_ADDRESS",
            "https://ula.example/x, fd00::1, INTERNAL_ADDRESS",
            "https://mapped.example/x, ::ffff:127.0.0.1, INTERNAL_ADDRESS",
            "https://linklocal6.example/x, fe80::1, INTERNAL_ADDRESS",
            "https://nowhere.example/x, '', INTERNAL_ADDRESS",
    })
    void onlyPublicHttpsAddressesAreAllowed(String url, String address, OutboundTarget.Verdict expected)
            throws UnknownHostException {
        assertEquals(expected, judge(url, address, Set.of()));
    }

    @ParameterizedTest(name = "{0} allow-listed")
    @CsvSource({ "http://127.0.0.1:9/hook, 127.0.0.1", "http://LOCALHOST:9/hook, 127.0.0.1" })
    void anAllowListedHostMayBeInternalAndPlainHttp(String url, String address) throws UnknownHostException {
        assertEquals(OutboundTarget.Verdict.ALLOWED, judge(url, address, Set.of("127.0.0.1", "localhost")));
    }

    @ParameterizedTest(name = "{0} not listed")
    @CsvSource({ "http://127.0.0.2:9/hook, 127.0.0.2" })
    void theAllowListNamesExactHosts(String url, String address) throws UnknownHostException {
        assertEquals(OutboundTarget.Verdict.NOT_HTTPS, judge(url, address, Set.of("127.0.0.1")));
    }

    /**
     * IPv6 spellings that carry an IPv4 address, hand-written (the two NAT64 ones are from a user's
     * report), with the address a connection to them actually reaches: the verdict is that address's.
     * "-": cannot be told from the address alone (the local-use NAT64 prefix's length is the operator's).
     */
    @ParameterizedTest(name = "{0} reaches {1}: {2}")
    @CsvSource({
            "64:ff9b::a9fe:a9fe, 169.254.169.254, INTERNAL_ADDRESS",
            "64:ff9b::a00:1, 10.0.0.1, INTERNAL_ADDRESS",
            "64:ff9b::7f00:1, 127.0.0.1, INTERNAL_ADDRESS",
            "64:ff9b::5db8:d822, 93.184.216.34, ALLOWED",
            "64:ff9b:1::a9fe:a9fe, -, INTERNAL_ADDRESS",
            "64:ff9b:1:5db8:d822::, -, INTERNAL_ADDRESS",
            "2002:a9fe:a9fe::1, 169.254.169.254, INTERNAL_ADDRESS",
            "2002:c0a8:101:1::1, 192.168.1.1, INTERNAL_ADDRESS",
            "2002:5db8:d822::1, 93.184.216.34, ALLOWED",
            "2001:0:4136:e378:8000:63bf:f5ff:fffe, 10.0.0.1, INTERNAL_ADDRESS",
            "2001:0:7f00:1:8000:63bf:f7f7:f7f7, 127.0.0.1, INTERNAL_ADDRESS",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7, 8.8.8.8, ALLOWED",
            "::ffff:0:a9fe:a9fe, 169.254.169.254, INTERNAL_ADDRESS",
            "::ffff:0:5db8:d822, 93.184.216.34, ALLOWED",
            "::a00:1, 10.0.0.1, INTERNAL_ADDRESS",
            "::5db8:d822, 93.184.216.34, ALLOWED",
            "::ffff:a9fe:a9fe, 169.254.169.254, INTERNAL_ADDRESS",
            "::ffff:5db8:d822, 93.184.216.34, ALLOWED",
    })
    void anIpv6SpellingOfAnIpv4AddressIsJudgedAsTheAddressItReaches(String address, String reaches,
            OutboundTarget.Verdict expected) throws UnknownHostException {
        assertEquals(expected, judge("https://hooks.example.com/x", address, Set.of()));
        if (!reaches.equals("-")) {
            assertEquals(expected, judge("https://hooks.example.com/x", reaches, Set.of()), "the address reached");
        }
    }

    /** IPv4 addresses a webhook must not reach, and two it may. */
    private static final List<String> INTERNAL_IPV4 = List.of("127.0.0.1", "10.0.0.1", "172.16.0.9", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "198.18.0.1",
            "192.0.0.8");
    private static final List<String> PUBLIC_IPV4 = List.of("93.184.216.34", "8.8.8.8");

    /**
     * Every form an IPv4 address can take inside an IPv6 one, built from the bytes (as a resolver may
     * hand them over, not only as the JDK parses a literal), for public and non-public IPv4 addresses:
     * IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, IPv4-translated
     * {@code ::ffff:0:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16} and Teredo
     * {@code 2001::/32} (its client, and its server).
     */
    static Stream<Arguments> embeddings() throws UnknownHostException {
        List<Arguments> rows = new ArrayList<>();
        byte[] publicV4 = InetAddress.getByName("8.8.8.8").getAddress();
        for (String text : concat(INTERNAL_IPV4, PUBLIC_IPV4)) {
            byte[] v4 = InetAddress.getByName(text).getAddress();
            OutboundTarget.Verdict verdict = PUBLIC_IPV4.contains(text) ? OutboundTarget.Verdict.ALLOWED
                    : OutboundTarget.Verdict.INTERNAL_ADDRESS;
            rows.add(Arguments.of("IPv4", InetAddress.getByAddress(v4), text, verdict));
            rows.add(Arguments.of("IPv4-mapped", v6(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff), v4), text,
                    verdict));
            rows.add(Arguments.of("IPv4-compatible", v6(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), v4), text,
                    verdict));
            rows.add(Arguments.of("IPv4-translated", v6(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0), v4), text,
                    verdict));
            rows.add(Arguments.of("NAT64", v6(bytes(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0), v4), text,
                    verdict));
            byte[] sixToFour = new byte[16];
            sixToFour[0] = 0x20;
            sixToFour[1] = 0x02;
            System.arraycopy(v4, 0, sixToFour, 2, 4);
            sixToFour[15] = 1;
            rows.add(Arguments.of("6to4", Inet6Address.getByAddress(null, sixToFour, -1), text, verdict));
            rows.add(Arguments.of("Teredo client", teredo(publicV4, v4), text, verdict));
            rows.add(Arguments.of("Teredo server", teredo(v4, publicV4), text, verdict));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} reaches {2}: {3}")
    @MethodSource("embeddings")
    void everyEmbeddingIsJudgedAsTheIpv4AddressItReaches(String form, InetAddress address, String reaches,
            OutboundTarget.Verdict expected) throws UnknownHostException {
        assertEquals(expected, OutboundTarget.judge(URI.create("https://hooks.example.com/x"), List.of(address),
                Set.of()));
        assertEquals(expected, judge("https://hooks.example.com/x", reaches, Set.of()), "the address reached");
    }

    @ParameterizedTest(name = "local-use NAT64 embedding {0}: refused, whatever it embeds")
    @CsvSource({ "93.184.216.34", "10.0.0.1" })
    void theLocalUseNat64PrefixIsRefusedWhole(String embedded) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(embedded).getAddress();
        for (int at : new int[] { 6, 7, 9, 12 }) {
            // Where RFC 6052 puts the IPv4 address for a /48, /56, /64 or /96 prefix (skipping bits 64..71).
            byte[] b = bytes(0, 0x64, 0xff, 0x9b, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            for (int i = 0, j = at; i < 4; i++, j++) {
                j = j == 8 ? 9 : j;
                b[j] = v4[i];
            }
            assertEquals(OutboundTarget.Verdict.INTERNAL_ADDRESS, OutboundTarget.judge(
                    URI.create("https://hooks.example.com/x"), List.of(Inet6Address.getByAddress(null, b, -1)),
                    Set.of()), "at byte " + at);
        }
    }

    private static InetAddress v6(byte[] prefix, byte[] v4) throws UnknownHostException {
        byte[] b = new byte[16];
        System.arraycopy(prefix, 0, b, 0, 12);
        System.arraycopy(v4, 0, b, 12, 4);
        // Inet6Address keeps the 16 bytes as they are (InetAddress.getByAddress would turn a mapped one into IPv4).
        return Inet6Address.getByAddress(null, b, -1);
    }

    /** 2001:0:SERVER:flags:port:~CLIENT (RFC 4380): the client's address is stored inverted. */
    private static InetAddress teredo(byte[] server, byte[] client) throws UnknownHostException {
        byte[] b = bytes(0x20, 0x01, 0, 0, 0, 0, 0, 0, 0x80, 0, 0x63, 0xbf, 0, 0, 0, 0);
        for (int i = 0; i < 4; i++) {
            b[4 + i] = server[i];
            b[12 + i] = (byte) ~client[i];
        }
        return Inet6Address.getByAddress(null, b, -1);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
