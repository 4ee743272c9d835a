package dev.dcp.common.auth;

/** Who is calling, as the gateway established it. {@code tenantId} is null for the admin. */
public record Caller(String tenantId, Role role) {

    /** The request attribute under which services find the verified caller. */
    public static final String ATTRIBUTE = "dcp.caller";

    public enum Role {
        ADMIN,
        CONSUMER,
        PROVIDER;

        public static Role ofTenantRole(String role) {
            return switch (role) {
                case "consumer" -> CONSUMER;
                case "provider" -> PROVIDER;
                default -> throw new IllegalArgumentException("unknown role " + role);
            };
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Refuses (a 403 problem) any caller but the admin, or a service calling with the admin's authority. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw new AdminRequired("This operation needs the admin key.");
        }
    }

    public static Caller admin() {
        return new Caller(null, Role.ADMIN);
    }
}
