package dev.ampulla.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses Ampulla never contacts, whoever asks: link-local addresses (which include the cloud metadata services at
 * 169.254.169.254), the unspecified address, multicast, the other clouds' metadata and host services (AWS
 * fd00:ec2::/32, Azure 168.63.129.16, Alibaba 100.100.100.200, and 192.0.0.0/24, IETF protocol assignments that
 * include Oracle Cloud's 192.0.0.192), and every IPv6 address that embeds a refused IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32). Loopback and private networks stay allowed:
 * hospital FHIR servers live there. A host that does not resolve is refused rather than left to a second resolution.
 * The HTTP client then connects to the address checked here from the JVM's address cache (30 seconds by default
 * without a security manager), not from a second DNS answer a rebinding attacker could change.
 */
public final class NetworkPolicy {
    private NetworkPolicy() {}

    /** Why the host may not be contacted, or null when it may. */
    public static String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "fhirServer's host does not resolve";
        }
        for (InetAddress a : addresses) {
            if (isForbidden(a)) {
                return "fhirServer resolves to a link-local, metadata or otherwise forbidden address";
            }
        }
        return null;
    }

    static boolean isForbidden(InetAddress a) {
        if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isForbiddenIpv4(b, 0);
        }
        if ((b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
            return true; // AWS fd00:ec2::/32 (metadata, DNS, time)
        }
        byte[] embedded = embeddedIpv4(b);
        return embedded != null
                && (isForbiddenIpv4(embedded, 0)
                        || (embedded[0] == 0 && allZero(embedded, 1, 4))
                        || isLinkLocalIpv4(embedded));
    }

    /** The IPv4 address an IPv6 address stands for, or null: mapped, compatible, NAT64, 6to4, Teredo. */
    private static byte[] embeddedIpv4(byte[] b) {
        if (allZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // ::ffff:a.b.c.d and ::a.b.c.d
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return new byte[] {b[12], b[13], b[14], b[15]}; // 64:ff9b::a.b.c.d
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]}; // 2002:aabb:ccdd::/48
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]}; // Teredo client
        }
        return null;
    }

    private static boolean isForbiddenIpv4(byte[] b, int at) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        int b2 = b[at + 2] & 0xff;
        int b3 = b[at + 3] & 0xff;
        return isLinkLocalIpv4(b)
                || (b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200) // Alibaba Cloud metadata
                || (b0 == 168 && b1 == 63 && b2 == 129 && b3 == 16) // Azure host services (WireServer)
                || (b0 == 192 && b1 == 0 && b2 == 0) // IETF protocol assignments, Oracle Cloud metadata
                || (b0 >= 224); // multicast and reserved
    }

    private static boolean isLinkLocalIpv4(byte[] b) {
        return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
