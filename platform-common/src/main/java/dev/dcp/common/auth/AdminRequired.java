package dev.dcp.common.auth;

/**
 * A caller other than the admin asked for an admin's operation. The web layer answers it as a 403 problem; it is
 * defined here so that the credentials know nothing of HTTP.
 */
public final class AdminRequired extends RuntimeException {

    AdminRequired(String detail) {
        super(detail, null, false, false);
    }
}
