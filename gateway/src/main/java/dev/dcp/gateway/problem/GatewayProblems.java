package dev.dcp.gateway.problem;

import dev.dcp.common.web.ProblemAdvice;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The services' problem advice at the gateway too: Spring MVC's own refusals here (no route: 404, an unparsable
 * Content-Type, a representation it cannot produce) are problem documents with a {@code type} like every other.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemAdvice.class)
class GatewayProblems {}
