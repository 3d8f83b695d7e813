package dev.teamcredits.common.rest;

/**
 * Thrown by the service layer for a rule a request broke; {@link ProblemMappers} turns it into
 * the problem response it carries.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public ProblemException(String slug, String title, int status, String detail) {
        this(new Problem(slug, title, status, detail));
    }

    public Problem problem() {
        return problem;
    }
}
