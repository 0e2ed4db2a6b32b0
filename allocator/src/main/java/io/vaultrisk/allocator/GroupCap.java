package io.vaultrisk.allocator;

import java.util.Arrays;

/**
 * A cap on the summed weight of a group of strategies (for example everything written on one underlying).
 *
 * @param name  the group's name, for messages
 * @param members  strategy indices, distinct
 * @param cap  the largest total weight allowed
 */
public record GroupCap(String name, int[] members, double cap) {

    public GroupCap {
        members = members.clone();
    }

    public static GroupCap of(String name, double cap, int... members) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group: name is blank");
        }
        if (members.length == 0) {
            throw new IllegalArgumentException("group '" + name + "': no members");
        }
        if (Arrays.stream(members).distinct().count() != members.length) {
            throw new IllegalArgumentException("group '" + name + "': a member appears twice");
        }
        if (!Double.isFinite(cap)) {
            throw new IllegalArgumentException("group '" + name + "': cap must be finite, got " + cap);
        }
        return new GroupCap(name, members, cap);
    }

    @Override
    public int[] members() {
        return members.clone();
    }
}
