/**
 * The ledger's HTTP API. Its OpenAPI document's one definition: the tags with their descriptions (smallrye reads
 * {@code @OpenAPIDefinition} from a package or a JAX-RS {@code Application}; one per service). The Operations tag
 * (grants, cycle close, the audit, parked events) is common's, described by its {@code ProblemResponsesFilter}, since
 * the merged document holds one description per tag. The configured title and version win over {@code @Info},
 * which the annotation requires.
 */
@OpenAPIDefinition(info = @Info(title = "Team Credits — ledger service", version = "1"), tags = {
        @Tag(name = ApiDocs.ORG_CREDITS, description = "An org's credits: balances, spends and batch spends, "
                + "reservations, transfers between the pool and member balances, auto top-ups and recurring "
                + "allocations"),
        @Tag(name = ApiDocs.PERSONAL_CREDITS, description = "The caller's personal balance, outside any org"),
        @Tag(name = ApiDocs.BUYING_CREDITS, description = "Top-up requests for the pool, a member balance or a "
                + "personal balance, and each account's purchase history; credits arrive only when the billing "
                + "backend records the purchase"),
        @Tag(name = ApiDocs.BILLING_BACKEND, description = "Called by the billing backend only "
                + "(ledger.billing-clients): recording purchases and declining top-up requests"),
        @Tag(name = ApiDocs.HISTORY, description = "The journal: every transaction of an org with time, type, "
                + "amount, accounts, actor and reason, cursor-paged, as JSON or CSV") })
package dev.teamcredits.ledger.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
