package org.rplcds.support;

/**
 * The PostgreSQL database the tests of the {@code postgres} profile run against. {@code .ci/run}
 * starts one and sets {@code CDS_TEST_POSTGRES_URL}; under CI the tests run whether or not it is
 * set, so a missing database fails the build instead of skipping.
 */
public final class Postgres {

    private Postgres() {}

    /**
     * Whether the PostgreSQL tests can run; when not, a {@code [SKIPPED]} line names the test and
     * what to set, since Surefire and Failsafe count a disabled test as "Skipped" without a reason.
     */
    public static boolean available(String test) {
        boolean available = System.getenv("CDS_TEST_POSTGRES_URL") != null || "true".equals(System.getenv("CI"));
        if (!available) {
            System.out.println("[SKIPPED] " + test + ": CDS_TEST_POSTGRES_URL is not set; set it (and"
                    + " CDS_TEST_POSTGRES_USER, CDS_TEST_POSTGRES_PASSWORD) to a PostgreSQL database, or run .ci/run,"
                    + " which starts one");
        }
        return available;
    }
}
