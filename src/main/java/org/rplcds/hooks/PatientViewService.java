package org.rplcds.hooks;

import java.util.List;
import org.rplcds.rules.Finding;
import org.springframework.stereotype.Component;

/** {@code patient-view}: the chart is opened, every recommendation is evaluated on it. */
@Component
class PatientViewService implements CdsService {

    @Override
    public String hook() {
        return "patient-view";
    }

    @Override
    public List<Finding> findings(HookRequest request, Pipeline.Run run) {
        return run.recommendations();
    }
}
