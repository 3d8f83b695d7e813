package dev.teamcredits.common.layers.broken.domain;

import jakarta.ws.rs.core.Response;

/** A domain class that builds an HTTP response: fixture that breaks "the domain is pure". */
public class ImpurePrice {
    public Response asResponse() {
        return Response.ok().build();
    }
}
