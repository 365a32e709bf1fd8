package org.lakehouse.runner.claim;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who holds a claim: the host, the process and the runner instance, as recorded in the lease. */
public record Owner(String host, long pid, String runnerId) {

    public static Owner current(String runnerId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return new Owner(host, ProcessHandle.current().pid(), runnerId);
    }
}
