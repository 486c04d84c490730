package dev.ampulla.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every address form Ampulla must never contact, checked without contacting anything (address literals only, so not
 * even a DNS query leaves the machine); the service applies the same check before any outbound request
 * (AuthenticationTest).
 */
class NetworkPolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254",
                "fe80::1",
                "0.0.0.0",
                "224.0.0.1",
                "100.100.100.200",
                // the metadata address inside IPv6: compatible, mapped, NAT64, 6to4, Teredo (client address inverted)
                "::169.254.169.254",
                "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe",
                "2002:a9fe:a9fe::",
                "2001:0:4136:e378:8000:63bf:5601:5601",
                // all of AWS fd00:ec2::/32, Azure's host services, IETF protocol assignments (Oracle Cloud metadata)
                "fd00:ec2::254",
                "fd00:ec2::23",
                "168.63.129.16",
                "192.0.0.192",
                "192.0.0.8"
            })
    void isRefused(String address) {
        assertNotNull(NetworkPolicy.refusal(address), address);
    }

    /** Checked only: an address literal is never resolved or connected to here. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "::1",
                "10.1.2.3",
                "192.168.1.20",
                "172.16.0.5",
                "fd12:3456::1",
                "2002:0a01:0203::",
                "64:ff9b::0a01:0203",
                "192.0.2.1"
            })
    void hospitalNetworksAndLoopbackStayAllowed(String address) {
        assertNull(NetworkPolicy.refusal(address), address);
    }
}
