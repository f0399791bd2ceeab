package org.rplcds.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings, under {@code cds.audit.*}.
 *
 * @param enabled whether each hook call is recorded; off, nothing is stored and the trail is not
 *     served (the usage report then counts feedback alone)
 * @param retention how long an event is kept; older ones are deleted. The default keeps six years,
 *     the retention HIPAA asks of security documentation (45 CFR 164.316(b)(2))
 * @param purgeInterval how often events past their retention are deleted
 */
public record AuditSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2192d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public AuditSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("cds.audit.retention must be longer than zero");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("cds.audit.purge-interval must be longer than zero");
        }
    }
}
