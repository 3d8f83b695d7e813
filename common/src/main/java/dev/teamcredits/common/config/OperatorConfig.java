package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which OAuth clients are operator tools (cycle close, audit, usage rebuild), for every service. */
@ConfigMapping(prefix = "teamcredits.operators")
public interface OperatorConfig {

    /** Client ids (token {@code azp}) of operator tools; their client-credentials tokens carry no email. */
    @WithDefault("ops-console")
    List<String> clients();
}
