package dev.teamcredits.ledger.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Describes the schemas of the types the ledger's answers share with its events ({@code events/}' {@code AccountRef},
 * {@code BalanceView}, {@code SourceAmount}). Those stay plain Java and Jackson, without OpenAPI annotations, since
 * analytics consumers use the events module without Quarkus; so their descriptions are written here, when the
 * document is built. {@code AccountRef}'s nested enum is published as {@code AccountKind}: a bare {@code Kind} would
 * mean nothing, or clash, once the services' documents are merged.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class EventTypeSchemasFilter implements OASFilter {

    private static final String REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = components.getSchemas();
        Schema kind = schemas.get("Kind");
        Schema ref = schemas.get("AccountRef");
        if (kind != null && ref != null && ref.getProperties() != null && ref.getProperties().get("kind") != null) {
            components.removeSchema("Kind");
            components.addSchema("AccountKind", kind.description("The kind of account: an org's pool, a member's "
                    + "balance in an org, or a user's personal balance"));
            ref.getProperties().get("kind").ref(REF + "AccountKind");
        }
        describe(ref, "Names a credit account: an org's pool, a member's balance in an org, or a user's personal "
                + "balance (the org is the operation's)", Map.of(
                        "kind", "Which kind of account",
                        "userId", "The member (MEMBER) or user (PERSONAL); absent for the pool"));
        describe(schemas.get("BalanceView"), "An account's numbers right after the operation", Map.of(
                "account", "The account",
                "balance", "Credits in the account",
                "reserved", "Credits held by open reservations",
                "available", "balance − reserved: what can be spent, reserved or transferred"));
        describe(schemas.get("SourceAmount"), "How much of a spend or reservation came from one account", Map.of(
                "account", "The account drawn on",
                "amount", "Credits drawn from it"));
    }

    private static void describe(Schema schema, String description, Map<String, String> properties) {
        if (schema == null) {
            return;
        }
        schema.setDescription(description);
        if (schema.getProperties() != null) {
            properties.forEach((name, text) -> {
                Schema property = schema.getProperties().get(name);
                if (property != null) {
                    property.setDescription(text);
                }
            });
        }
    }
}
