package dev.bazaar.tenancy;

import dev.bazaar.platform.ErrorCode;

/** Tenancy's stable error codes. */
public enum TenancyErrorCode implements ErrorCode {
    HANDLE_TAKEN("handle_taken", 409, "This handle is taken"),
    SHOP_LIMIT_REACHED("shop_limit_reached", 403, "You own as many shops as an account may"),
    PLAN_LIMIT_REACHED("plan_limit_reached", 403, "The shop's plan does not allow this"),
    LAST_OWNER("last_owner", 422, "A shop needs at least one owner"),
    OWNER_ONLY("owner_only", 403, "Only an owner can do this"),
    ROLE_NOT_FOUND("role_not_found", 404, "Role not found"),
    ROLE_TAKEN("role_taken", 409, "A role with this key exists"),
    ROLE_IN_USE("role_in_use", 409, "The role is still held by members"),
    BUILT_IN_ROLE("built_in_role", 422, "Built-in roles cannot be changed"),
    MEMBER_NOT_FOUND("member_not_found", 404, "Member not found"),
    ALREADY_MEMBER("already_member", 409, "Already a member of this shop"),
    INVITATION_NOT_FOUND("invitation_not_found", 404, "Invitation not found"),
    INVITATION_INVALID("invitation_invalid", 400, "The invitation is invalid, has expired or was already used"),
    INVITATION_FOR_ANOTHER_ADDRESS("invitation_for_another_address", 403, "The invitation was sent to another address"),
    API_KEY_NOT_FOUND("api_key_not_found", 404, "API key not found"),
    PLAN_NOT_FOUND("plan_not_found", 404, "Plan not found"),
    PLAN_TAKEN("plan_taken", 409, "A plan with this key exists"),
    SHOP_NOT_ACTIVE("shop_not_active", 422, "The shop is not in a state that allows this");

    private final String code;
    private final int status;
    private final String title;

    TenancyErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
