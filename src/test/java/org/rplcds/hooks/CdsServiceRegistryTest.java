package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.CdsSettings;
import org.rplcds.support.CdsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@CdsServiceTest
@DisplayName("Services registered by id")
class CdsServiceRegistryTest {

    @Autowired
    ServiceCatalog catalog;

    @Autowired
    List<CdsService> services;

    @Autowired
    Pipeline pipeline;

    @Autowired
    CdsSettings.Http limits;

    @Autowired
    ObservationRegistry observations;

    @Test
    @DisplayName("Should answer each hook of hooks/ with one service")
    void answersEveryHookOnce() {
        // when
        List<String> hooks = services.stream().map(CdsService::hook).toList();

        // then
        assertThat(hooks).doesNotHaveDuplicates();
        assertThat(hooks)
                .containsAll(catalog.discovery().services().stream()
                        .map(ServiceDefinitionJson::hook)
                        .toList());
    }

    @Test
    @DisplayName("Should refuse to start when a service definition names a hook no service answers")
    void refusesADefinitionWithoutItsService() {
        // given only the patient-view service
        List<CdsService> patientViewOnly =
                services.stream().filter(PatientViewService.class::isInstance).toList();

        // when / then
        assertThatThrownBy(() -> new CdsServiceRegistry(catalog, patientViewOnly, pipeline, limits, observations))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recurrent-miscarriage-order-s")
                .hasMessageContaining("no service answers the order-s");
    }
}
