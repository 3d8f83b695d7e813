/**
 * The usage service's HTTP API. Its OpenAPI document's one definition: the tags with their descriptions (smallrye
 * reads {@code @OpenAPIDefinition} from a package or a JAX-RS {@code Application}; one per service). The Operations
 * tag (the rebuild, parked events) is common's, described by its {@code ProblemResponsesFilter}, since the merged
 * document holds one description per tag. The configured title and version win over {@code @Info}, which the
 * annotation requires.
 */
@OpenAPIDefinition(info = @Info(title = "Team Credits — usage service", version = "1"), tags = {
        @Tag(name = UsageParams.USAGE, description = "Credits used per member and billing cycle (from the pool, the "
                + "member balance and personal credits, by action), the pool card, the cycle history and daily "
                + "series") })
package dev.teamcredits.usage.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
