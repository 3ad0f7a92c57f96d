package dev.bazaar.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.IdentityClient;
import dev.bazaar.support.IntegrationTest;
import dev.bazaar.tenancy.TenancyClient.Person;
import dev.bazaar.tenancy.TenancyClient.Shop;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class StaffIT extends TenancyHttpTest {

    @Test
    void invitationIsMailedOnceAndAcceptedOnlyByTheInvitedAddress() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "invites");
        Person invited = api.person("invited");
        Person other = api.person("other");
        api.ok(api.call("POST", shop.path("/invitations"), "{\"email\":\"%s\",\"role\":\"staff\"}".formatted(invited.email()),
                owner.bearer()), 201);
        String token = api.invitationToken(invited.email());
        assertThat(token).hasSize(4 + 64);

        HttpResponse<String> wrongPerson = api.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}", other.bearer());
        assertThat(wrongPerson.statusCode()).isEqualTo(403);
        assertThat(api.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}", null).statusCode()).isEqualTo(401);

        JsonNode accepted = api.ok(api.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}", invited.bearer()), 200);
        assertThat(accepted.get("role").asString()).isEqualTo("staff");
        HttpResponse<String> again = api.call("POST", "/api/v1/invitations/accept", "{\"token\":\"" + token + "\"}", invited.bearer());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(IdentityClient.read(again).get("code").asString()).isEqualTo("invitation_invalid");
        HttpResponse<String> forged = api.call("POST", "/api/v1/invitations/accept",
                "{\"token\":\"" + token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11) + "\"}", invited.bearer());
        assertThat(forged.statusCode()).isEqualTo(400);

        JsonNode members = api.ok(api.call("GET", shop.path("/members"), null, invited.bearer()), 200);
        assertThat(members.get("data").valueStream().map(m -> m.get("email").asString()).toList())
                .containsExactlyInAnyOrder(owner.email(), invited.email());
        assertThat(api.ok(api.call("GET", "/api/v1/shops", null, invited.bearer()), 200).get("data").get(0).get("role").asString())
                .isEqualTo("staff");
    }

    @Test
    void staffCannotManageStaffAndNobodyGrantsMoreThanTheyHold() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "escalation");
        api.choosePlan(owner, shop, "basic");
        Person admin = api.person("admin");
        Person staff = api.person("staff");
        api.addMember(owner, shop, admin, "admin");
        String staffMember = api.addMember(owner, shop, staff, "staff");

        HttpResponse<String> staffInvites = api.call("POST", shop.path("/invitations"), "{\"email\":\"x@example.com\",\"role\":\"viewer\"}", staff.bearer());
        assertThat(staffInvites.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(staffInvites).get("code").asString()).isEqualTo("permission_denied");
        assertThat(IdentityClient.read(staffInvites).get("required_permission").asString()).isEqualTo("staff:manage");

        HttpResponse<String> adminMakesOwner = api.call("PATCH", shop.path("/members/" + staffMember), "{\"role\":\"owner\"}", admin.bearer());
        assertThat(adminMakesOwner.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(adminMakesOwner).get("code").asString()).isEqualTo("owner_only");
        HttpResponse<String> billingRole = api.call("POST", shop.path("/roles"),
                "{\"key\":\"billing\",\"name\":\"Billing\",\"permissions\":[\"billing:manage\"]}", admin.bearer());
        assertThat(billingRole.statusCode()).as(billingRole.body()).isEqualTo(403);
        assertThat(billingRole.body()).contains("billing:manage");

        JsonNode role = api.ok(api.call("POST", shop.path("/roles"),
                "{\"key\":\"fulfilment\",\"name\":\"Fulfilment\",\"permissions\":[\"orders:read\",\"orders:write\"]}", admin.bearer()), 201);
        assertThat(role.get("built_in").asBoolean()).isFalse();
        JsonNode changed = api.ok(api.call("PATCH", shop.path("/members/" + staffMember), "{\"role\":\"fulfilment\"}", admin.bearer()), 200);
        assertThat(changed.get("role").asString()).isEqualTo("fulfilment");
        assertThat(api.call("GET", shop.path("/members"), null, staff.bearer()).statusCode()).as("fulfilment lacks staff:read").isEqualTo(403);
        HttpResponse<String> inUse = api.call("DELETE", shop.path("/roles/fulfilment"), null, admin.bearer());
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(api.call("PATCH", shop.path("/roles/owner"), "{\"name\":\"Boss\"}", owner.bearer()).statusCode()).isEqualTo(422);
        JsonNode roles = api.ok(api.call("GET", shop.path("/roles"), null, admin.bearer()), 200);
        assertThat(roles.get("data").valueStream().map(r -> r.get("key").asString()).toList())
                .containsExactly("owner", "admin", "staff", "viewer", "fulfilment");
    }

    @Test
    void theLastOwnerCannotLeaveOrBeDemotedEvenConcurrently() throws Exception {
        Person first = api.person("first");
        Shop shop = api.createShop(first, "owners");
        HttpResponse<String> leave = api.call("DELETE", shop.path("/membership"), null, first.bearer());
        assertThat(leave.statusCode()).isEqualTo(422);
        assertThat(IdentityClient.read(leave).get("code").asString()).isEqualTo("last_owner");

        Person second = api.person("second");
        String secondMember = api.addMember(first, shop, second, "owner");
        String firstMember = api.ok(api.call("GET", shop.path("/members"), null, first.bearer()), 200).get("data").valueStream()
                .filter(m -> m.get("email").asString().equals(first.email())).findFirst().orElseThrow().get("id").asString();
        // Each owner demotes the other at the same moment: exactly one may succeed.
        var a = CompletableFuture.supplyAsync(() -> api.call("PATCH", shop.path("/members/" + secondMember), "{\"role\":\"admin\"}", first.bearer()));
        var b = CompletableFuture.supplyAsync(() -> api.call("PATCH", shop.path("/members/" + firstMember), "{\"role\":\"admin\"}", second.bearer()));
        List<HttpResponse<String>> responses = List.of(a.get(), b.get());
        // The loser is refused either as the last owner (both requests began while both were owners) or, if the winner
        // committed before the loser's request was authorised, because it is no longer an owner.
        assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.statusCode() != 200).map(r -> IdentityClient.read(r).get("code").asString()))
                .singleElement().isIn("last_owner", "owner_only");
        HttpResponse<String> members = responses.get(0).statusCode() == 200
                ? api.call("GET", shop.path("/members"), null, first.bearer()) : api.call("GET", shop.path("/members"), null, second.bearer());
        assertThat(IdentityClient.read(members).get("data").valueStream().filter(m -> m.get("role").asString().equals("owner")))
                .as("exactly one owner is left").hasSize(1);
    }

    @Test
    void seatsCountMembersAndPendingInvitationsAgainstThePlan() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "seats");
        api.ok(api.call("POST", shop.path("/invitations"), "{\"email\":\"a@example.com\",\"role\":\"viewer\"}", owner.bearer()), 201);
        api.ok(api.call("POST", shop.path("/invitations"), "{\"email\":\"b@example.com\",\"role\":\"viewer\"}", owner.bearer()), 201);
        HttpResponse<String> fourth = api.call("POST", shop.path("/invitations"), "{\"email\":\"c@example.com\",\"role\":\"viewer\"}", owner.bearer());
        assertThat(fourth.statusCode()).isEqualTo(403);
        JsonNode problem = IdentityClient.read(fourth);
        assertThat(problem.get("code").asString()).isEqualTo("plan_limit_reached");
        assertThat(problem.get("limit").asString()).isEqualTo("staff_seats");
        assertThat(problem.get("allowed").asInt()).isEqualTo(3);

        JsonNode subscription = api.ok(api.call("GET", shop.path("/subscription"), null, owner.bearer()), 200);
        assertThat(subscription.get("plan").get("key").asString()).isEqualTo("free");
        assertThat(subscription.get("usage").get("staff_seats").asInt()).isEqualTo(3);
        String invitation = api.ok(api.call("GET", shop.path("/invitations"), null, owner.bearer()), 200).get("data").get(0).get("id").asString();
        assertThat(api.call("DELETE", shop.path("/invitations/" + invitation), null, owner.bearer()).statusCode()).isEqualTo(204);
        api.ok(api.call("POST", shop.path("/invitations"), "{\"email\":\"c@example.com\",\"role\":\"viewer\"}", owner.bearer()), 201);

        api.choosePlan(owner, shop, "basic");
        HttpResponse<String> customRole = api.call("POST", shop.path("/roles"), "{\"key\":\"packer\",\"name\":\"P\",\"permissions\":[\"orders:read\"]}", owner.bearer());
        assertThat(customRole.statusCode()).isEqualTo(201);
        HttpResponse<String> downgrade = api.call("PATCH", shop.path("/subscription"), "{\"plan\":\"free\"}", owner.bearer());
        assertThat(downgrade.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(downgrade).get("limit").asString()).isEqualTo("custom_roles");
    }

    @Test
    void apiKeysAuthenticateWithinTheirShopAndScopesOnly() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "keys");
        Shop otherShop = api.createShop(owner, "other");
        JsonNode created = api.ok(api.call("POST", shop.path("/api-keys"), "{\"name\":\"sync\",\"scopes\":[\"staff:read\"]}", owner.bearer()), 201);
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("bz_live_").hasSize(8 + 64);
        assertThat(created.get("prefix").asString()).isEqualTo(secret.substring(0, 16));

        assertThat(api.call("GET", shop.path("/members"), null, secret).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", shop.path("/api-keys"), null, secret).statusCode()).as("no settings:read").isEqualTo(403);
        assertThat(api.call("GET", otherShop.path("/members"), null, secret).statusCode()).as("another shop").isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/me", null, secret).statusCode()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/shops", null, secret).statusCode()).isEqualTo(403);
        assertThat(api.call("DELETE", shop.path("/membership"), null, secret).statusCode()).isEqualTo(403);

        JsonNode listed = api.ok(api.call("GET", shop.path("/api-keys"), null, owner.bearer()), 200).get("data").get(0);
        assertThat(listed.has("secret")).isFalse();
        assertThat(listed.get("last_used_at").isNull()).isFalse();
        assertThat(listed.get("scopes").get(0).asString()).isEqualTo("staff:read");

        Person viewer = api.person("viewer");
        api.addMember(owner, shop, viewer, "viewer");
        HttpResponse<String> viewerKey = api.call("POST", shop.path("/api-keys"), "{\"name\":\"x\",\"scopes\":[\"staff:read\"]}", viewer.bearer());
        assertThat(viewerKey.statusCode()).as("viewers lack settings:manage").isEqualTo(403);

        assertThat(api.call("DELETE", shop.path("/api-keys/" + created.get("id").asString()), null, owner.bearer()).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = api.call("GET", shop.path("/members"), null, secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(api.call("GET", shop.path("/members"), null, "bz_live_" + "A".repeat(64)).statusCode()).isEqualTo(401);
    }

    @Test
    void aDeactivatedAccountLeavesEveryShopButTheLastOwnerMustHandOverFirst() {
        Person leaving = api.person("leaving");
        Shop own = api.createShop(leaving, "own");
        Person otherOwner = api.person("other-owner");
        Shop elsewhere = api.createShop(otherOwner, "elsewhere");
        String elsewhereMember = api.addMember(otherOwner, elsewhere, leaving, "staff");
        Person successor = api.person("successor");
        String successorMember = api.addMember(leaving, own, successor, "admin");

        HttpResponse<String> refused = api.call("DELETE", "/api/v1/me", null, leaving.bearer());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(IdentityClient.read(refused).get("code").asString()).isEqualTo("last_owner");
        assertThat(IdentityClient.read(refused).get("detail").asString()).contains(own.handle());
        assertThat(api.call("GET", "/api/v1/me", null, leaving.bearer()).statusCode()).as("still active").isEqualTo(200);
        assertThat(memberIds(otherOwner, elsewhere)).as("nothing changed").contains(elsewhereMember);

        api.ok(api.call("PATCH", own.path("/members/" + successorMember), "{\"role\":\"owner\"}", leaving.bearer()), 200);
        assertThat(api.call("DELETE", "/api/v1/me", null, leaving.bearer()).statusCode()).isEqualTo(204);

        assertThat(memberIds(otherOwner, elsewhere)).doesNotContain(elsewhereMember).hasSize(1);
        assertThat(memberIds(successor, own)).containsExactly(successorMember);
        List<String> actions = api.ok(api.call("GET", elsewhere.path("/audit-events"), null, otherOwner.bearer()), 200)
                .get("data").valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions.getFirst()).isEqualTo("member.left");
    }

    @Test
    void aKeyActsWithWhatItsCreatorStillHoldsAndIsRevokedWhenTheCreatorLeaves() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "creator");
        Person admin = api.person("admin");
        String adminMember = api.addMember(owner, shop, admin, "admin");
        String key = api.apiKey(admin, shop, List.of("staff:read", "settings:manage"));

        assertThat(api.call("PATCH", shop.path(""), "{\"name\":\"Renamed by key\"}", key).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", shop.path("/api-keys"), "{\"name\":\"child\",\"scopes\":[\"staff:read\"]}", key)
                .statusCode()).as("keys cannot mint keys").isEqualTo(403);
        assertThat(api.call("POST", shop.path("/invitations"), "{\"email\":\"x@example.com\",\"role\":\"viewer\"}", key)
                .statusCode()).as("keys cannot invite people").isEqualTo(403);

        // The creator is demoted: the key keeps only what a viewer holds.
        api.ok(api.call("PATCH", shop.path("/members/" + adminMember), "{\"role\":\"viewer\"}", owner.bearer()), 200);
        HttpResponse<String> demoted = api.call("PATCH", shop.path(""), "{\"name\":\"Again\"}", key);
        assertThat(demoted.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(demoted).get("required_permission").asString()).isEqualTo("settings:manage");
        assertThat(api.call("GET", shop.path("/members"), null, key).statusCode()).isEqualTo(200);

        // The creator is removed: the key is revoked with them, and says why in the audit log.
        assertThat(api.call("DELETE", shop.path("/members/" + adminMember), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("GET", shop.path("/members"), null, key).statusCode()).isEqualTo(401);
        assertThat(api.ok(api.call("GET", shop.path("/api-keys"), null, owner.bearer()), 200).get("data").size()).isZero();
        // Both are written in the removal's transaction, in the same instant: their order in the list is not fixed.
        List<JsonNode> latest = api.ok(api.call("GET", shop.path("/audit-events?limit=2"), null, owner.bearer()), 200)
                .get("data").valueStream().toList();
        assertThat(latest.stream().map(e -> e.get("action").asString()).toList())
                .containsExactlyInAnyOrder("api_key.revoked", "member.removed");
        assertThat(latest.stream().filter(e -> e.get("action").asString().equals("api_key.revoked")).findFirst().orElseThrow()
                .toString()).contains("creator_left");
    }

    @Test
    void withdrawingAnInvitationOrAKeyNeedsWhatItGrants() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "withdraw");
        Person admin = api.person("admin");
        api.addMember(owner, shop, admin, "admin");
        String ownerInvitation = api.ok(api.call("POST", shop.path("/invitations"),
                "{\"email\":\"co-owner@example.com\",\"role\":\"owner\"}", owner.bearer()), 201).get("id").asString();
        HttpResponse<String> byAdmin = api.call("DELETE", shop.path("/invitations/" + ownerInvitation), null, admin.bearer());
        assertThat(byAdmin.statusCode()).isEqualTo(403);
        assertThat(IdentityClient.read(byAdmin).get("code").asString()).isEqualTo("owner_only");

        String billingKey = api.ok(api.call("POST", shop.path("/api-keys"), "{\"name\":\"billing\",\"scopes\":[\"billing:manage\"]}",
                owner.bearer()), 201).get("id").asString();
        HttpResponse<String> keyByAdmin = api.call("DELETE", shop.path("/api-keys/" + billingKey), null, admin.bearer());
        assertThat(keyByAdmin.statusCode()).as("admins lack billing:manage").isEqualTo(403);
        assertThat(api.call("DELETE", shop.path("/api-keys/" + billingKey), null, owner.bearer()).statusCode()).isEqualTo(204);
        assertThat(api.call("DELETE", shop.path("/invitations/" + ownerInvitation), null, owner.bearer()).statusCode()).isEqualTo(204);
    }

    @Test
    void invitationsAreLimitedPerInvitingAccountEvenToTheSameAddress() {
        Person owner = api.person("owner");
        Shop shop = api.createShop(owner, "spam");
        String body = "{\"email\":\"victim@example.com\",\"role\":\"viewer\"}";
        HttpResponse<String> last = null;
        for (int i = 0; i < 31 && (last == null || last.statusCode() == 201); i++) {
            last = api.call("POST", shop.path("/invitations"), body, owner.bearer());
        }
        assertThat(last.statusCode()).as("the 31st invitation within the hour (bazaar.tenancy.invitations-per-hour=30)")
                .isEqualTo(429);
        assertThat(last.headers().firstValue("RateLimit-Policy")).hasValue("\"invitations\";q=30;w=3600");
    }

    private List<String> memberIds(Person viewer, Shop shop) {
        return api.ok(api.call("GET", shop.path("/members"), null, viewer.bearer()), 200).get("data").valueStream()
                .map(m -> m.get("id").asString()).toList();
    }
}
