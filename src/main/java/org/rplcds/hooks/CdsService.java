package org.rplcds.hooks;

import java.util.List;
import org.rplcds.rules.Finding;

/**
 * What one hook asks of the rules, as HAPI FHIR's CDS Hooks module registers a method per service:
 * each hook's service is a small class, bound by {@link CdsServiceRegistry} to the definitions of
 * {@code hooks/} that name its hook.
 */
interface CdsService {

    /** The hook this service answers, as the CDS Hooks 2.0 hook definitions spell it. */
    String hook();

    /** The call's findings; the chart is read through {@code run} only if the rules need it. */
    List<Finding> findings(HookRequest request, Pipeline.Run run);
}
