package org.rplcds.hooks;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import java.util.Map;
import java.util.stream.Collectors;
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

    private final Map<String, String> hooks;

    HookObservationConvention(ServiceCatalog catalog) {
        this.hooks = catalog.discovery().services().stream()
                .collect(Collectors.toUnmodifiableMap(ServiceDefinitionJson::id, ServiceDefinitionJson::hook));
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
                "cds.hook", hooks.getOrDefault(call.serviceId(), UNKNOWN),
                "cds.profile", call.profile(),
                "outcome", call.outcome());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(HookObservation call) {
        return KeyValues.of("cds.hook_instance", call.hookInstance(), "cds.cards", Integer.toString(call.cards()));
    }

    private String service(HookObservation call) {
        return hooks.containsKey(call.serviceId()) ? call.serviceId() : UNKNOWN;
    }
}
