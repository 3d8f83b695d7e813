package dev.teamcredits.common.security;

import dev.teamcredits.common.config.OperatorConfig;
import dev.teamcredits.common.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one check for operator endpoints in every service: a client-credentials token (no email) of a
 * client listed in {@code teamcredits.operators.clients}. A user token is refused even when it was
 * issued to that client, so a person logged in through the operator console is still a person.
 */
@ApplicationScoped
public class OperatorAccess {

    private final OperatorConfig config;

    public OperatorAccess(OperatorConfig config) {
        this.config = config;
    }

    public boolean isOperator(Caller caller) {
        return caller.clientId() != null && config.clients().contains(caller.clientId()) && !caller.hasEmail();
    }

    /** 403 {@code operator-required} unless the caller is an operator client. */
    public void require(Caller caller, String what) {
        if (!isOperator(caller)) {
            throw new ProblemException("operator-required", "Operator required", 403,
                    what + " is for operator clients (teamcredits.operators.clients).");
        }
    }
}
