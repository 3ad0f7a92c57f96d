package dev.bazaar.tenancy.web;

import dev.bazaar.platform.CarriesSecrets;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.CurrentActor;
import dev.bazaar.platform.security.CurrentShop;
import dev.bazaar.platform.security.Permission;
import dev.bazaar.platform.security.RequiresPermission;
import dev.bazaar.tenancy.application.StaffService;
import dev.bazaar.tenancy.application.StaffService.AcceptedInvitation;
import dev.bazaar.tenancy.application.StaffService.InvitationView;
import dev.bazaar.tenancy.application.StaffService.MemberView;
import dev.bazaar.tenancy.application.StaffService.RoleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A shop's staff: roles, members and invitations. */
@RestController
@Tag(name = "Staff", description = "Members, roles and invitations of a shop")
@SecurityRequirement(name = "bearer")
class StaffController {

    private final StaffService staff;

    StaffController(StaffService staff) {
        this.staff = staff;
    }

    record CreateRoleRequest(@NotBlank @Size(max = 40) String key, @NotBlank @Size(max = 100) String name,
                             @Nullable @Size(max = 500) String description,
                             @NotNull @Size(min = 1, max = 100) List<@NotBlank String> permissions) {}

    record UpdateRoleRequest(@Nullable @Size(min = 1, max = 100) String name, @Nullable @Size(max = 500) String description,
                             @Nullable @Size(min = 1, max = 100) List<@NotBlank String> permissions) {}

    record ChangeRoleRequest(@NotBlank @Size(max = 40) String role) {}

    record InvitationRequest(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 40) String role) {}

    record AcceptRequest(@NotBlank @Size(max = 256) String token) {
        @Override
        public String toString() {
            return "AcceptRequest[token=[redacted]]";
        }
    }

    @GetMapping("/api/v1/shops/{shop}/roles")
    @RequiresPermission(Permission.STAFF_READ)
    @Operation(summary = "List roles", description = "The built-in owner, admin, staff and viewer, then the shop's custom roles.")
    ResponseEntity<Map<String, List<RoleView>>> listRoles(@PathVariable String shop) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("data", staff.listRoles()));
    }

    @GetMapping("/api/v1/shops/{shop}/roles/{role}")
    @RequiresPermission(Permission.STAFF_READ)
    @Operation(summary = "Read a role", description = "`{role}` is the key or, for a custom role, the id.")
    ResponseEntity<RoleView> getRole(@PathVariable String shop, @PathVariable String role) {
        RoleView view = staff.getRole(role);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).eTag(ETags.of(view.version())).body(view);
    }

    @PostMapping("/api/v1/shops/{shop}/roles")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Create a custom role", description = "A named permission set; only permissions the caller holds. "
            + "Needs a plan with the `custom_roles` feature.")
    ResponseEntity<RoleView> createRole(@PathVariable String shop, @Valid @RequestBody CreateRoleRequest request) {
        RoleView role = staff.createRole(new StaffService.CreateRole(request.key(), request.name(), request.description(),
                request.permissions()));
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/roles/" + role.key()))
                .eTag(ETags.of(role.version())).body(role);
    }

    @PatchMapping("/api/v1/shops/{shop}/roles/{role}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Change a custom role", description = "Members holding it get the new permissions at once.")
    ResponseEntity<RoleView> updateRole(@PathVariable String shop, @PathVariable String role,
                                        @Valid @RequestBody UpdateRoleRequest request,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        RoleView view = staff.updateRole(role, new StaffService.UpdateRole(request.name(), request.description(),
                request.permissions()), ETags.versionOf(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @DeleteMapping("/api/v1/shops/{shop}/roles/{role}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Delete a custom role", description = "409 `role_in_use` while members hold it.")
    ResponseEntity<Void> deleteRole(@PathVariable String shop, @PathVariable String role) {
        staff.deleteRole(role);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/shops/{shop}/members")
    @RequiresPermission(Permission.STAFF_READ)
    @Operation(summary = "List members")
    ResponseEntity<Page<MemberView>> listMembers(@PathVariable String shop, @RequestParam(required = false) @Nullable Integer limit,
                                                 @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(staff.listMembers(PageRequest.of(limit, after)));
    }

    @GetMapping("/api/v1/shops/{shop}/members/{member}")
    @RequiresPermission(Permission.STAFF_READ)
    @Operation(summary = "Read a member")
    ResponseEntity<MemberView> getMember(@PathVariable String shop, @PathVariable UUID member) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(staff.getMember(member));
    }

    @PatchMapping("/api/v1/shops/{shop}/members/{member}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Change a member's role", description = "Only owners make or unmake owners; the last owner cannot "
            + "be demoted (422 `last_owner`); nobody grants permissions they do not hold.")
    ResponseEntity<MemberView> changeRole(@PathVariable String shop, @PathVariable UUID member,
                                          @Valid @RequestBody ChangeRoleRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(staff.changeRole(member, request.role()));
    }

    @DeleteMapping("/api/v1/shops/{shop}/members/{member}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Remove a member", description = "The last owner cannot be removed.")
    ResponseEntity<Void> removeMember(@PathVariable String shop, @PathVariable UUID member) {
        staff.removeMember(member);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/shops/{shop}/invitations")
    @RequiresPermission(value = Permission.STAFF_MANAGE, apiKeys = false)
    @Operation(summary = "Invite someone", description = "Mails a single-use link valid for 7 days; a new invitation to the "
            + "same address replaces the open one. Pending invitations take staff seats. People only (not API keys).")
    ResponseEntity<InvitationView> invite(@PathVariable String shop, @Valid @RequestBody InvitationRequest request) {
        InvitationView invitation = staff.invite(CurrentActor.require(), request.email(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/shops/" + CurrentShop.require().handle() + "/invitations/" + invitation.id()))
                .cacheControl(CacheControl.noStore()).body(invitation);
    }

    @GetMapping("/api/v1/shops/{shop}/invitations")
    @RequiresPermission(Permission.STAFF_READ)
    @Operation(summary = "List pending invitations")
    ResponseEntity<Page<InvitationView>> listInvitations(@PathVariable String shop,
                                                         @RequestParam(required = false) @Nullable Integer limit,
                                                         @RequestParam(required = false) @Nullable String after) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(staff.listInvitations(PageRequest.of(limit, after)));
    }

    @DeleteMapping("/api/v1/shops/{shop}/invitations/{invitation}")
    @RequiresPermission(Permission.STAFF_MANAGE)
    @Operation(summary = "Revoke a pending invitation")
    ResponseEntity<Void> revokeInvitation(@PathVariable String shop, @PathVariable UUID invitation) {
        staff.revokeInvitation(invitation);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/invitations/accept")
    @CarriesSecrets
    @Operation(summary = "Accept an invitation", description = "By the signed-in account whose address was invited. 400 "
            + "`invitation_invalid` for an unknown, used, revoked or expired token.")
    ResponseEntity<AcceptedInvitation> accept(@Valid @RequestBody AcceptRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(staff.accept(CurrentActor.require(), request.token()));
    }
}
