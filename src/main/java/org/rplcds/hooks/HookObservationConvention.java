package org.rplcds.hooks;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What a hook call's observation says of itself, and so its span where tracing is on: the service,
 * its hook, the guideline profile and the outcome, as {@code cds.hook.latency} names it; the hook
 * instance and the number of cards. An id no service has is named {@code unknown}, so that a
 * client cannot fill the span names with ids of its own. The call's HTTP status is on the parent
 * span, the server request's, where Spring records it once the answer is decided.
 */
@Component
class HookObservationConvention implements GlobalObservationConvention<HookObservation> {

    private static final String UNKNOWN = "unknown";

    private final ObjectProvider<ServiceCatalog> catalog;
    private volatile Map<String, String> hooks;

    /**
     * The catalogue is read at the first call, not as the convention is built: the web server's
     * start-up builds the observations, and the catalogue reads settings (rule modes, site value
     * sets) whose refusal must be reported on its own, not inside the server's failure.
     */
    HookObservationConvention(ObjectProvider<ServiceCatalog> catalog) {
        this.catalog = catalog;
    }

    /** Each service's hook, by service id. */
    private Map<String, String> hooks() {
        Map<String, String> known = hooks;
        if (known == null) {
            known = catalog.getObject().discovery().services().stream()
                    .collect(Collectors.toUnmodifiableMap(ServiceDefinitionJson::id, ServiceDefinitionJson::hook));
            hooks = known;
        }
        return known;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof HookObservation;
    }

    @Override
    public String getContextualName(HookObservation call) {
        return "hook " + service(call);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(HookObservation call) {
        return KeyValues.of(
                "cds.service", service(call),
                "cds.hook", hooks().getOrDefault(call.serviceId(), UNKNOWN),
                "cds.profile", call.profile(),
                "outcome", call.outcome());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(HookObservation call) {
        return KeyValues.of("cds.hook_instance", call.hookInstance(), "cds.cards", Integer.toString(call.cards()));
    }

    private String service(HookObservation call) {
        return hooks().containsKey(call.serviceId()) ? call.serviceId() : UNKNOWN;
    }
}
