package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
