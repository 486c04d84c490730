package dev.ampulla.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses Ampulla never contacts, whoever asks: link-local addresses (which include the cloud metadata services at
 * 169.254.169.254 and fd00:ec2::254), the unspecified address and multicast. Loopback and private networks stay
 * allowed: hospital FHIR servers live there.
 */
public final class NetworkPolicy {

    private NetworkPolicy() {
    }

    /** Why the host may not be contacted, or null when it may. */
    public static String refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return null; // the connection will fail on its own, and is reported as unreachable
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
        if (a instanceof Inet6Address) {
            // IPv4-mapped (::ffff:169.254.x.x) and the AWS IPv6 metadata address fd00:ec2::254
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff && allZero(b, 0, 10);
            if (mapped && (b[12] & 0xff) == 169 && (b[13] & 0xff) == 254) {
                return true;
            }
            return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                    && allZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
        }
        // 100.100.100.200: Alibaba Cloud's metadata service, outside the link-local range
        return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
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
