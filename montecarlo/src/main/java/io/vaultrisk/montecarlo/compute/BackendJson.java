package io.vaultrisk.montecarlo.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How every result JSON names what ran its paths, the way {@code vaultrisk price} always has: {@code backend} is
 * "cpu" on the CPU and the device's name on an accelerator (e.g. "opencl: … PoCL …"), {@code backendId} the
 * {@code --backend} id and {@code device} the device in full.
 */
public final class BackendJson {
    private BackendJson() {}

    public static void put(ObjectNode o, String backend, String device) {
        o.put("backend", backend.equals("cpu") ? "cpu" : device);
        o.put("backendId", backend);
        o.put("device", device);
    }
}
