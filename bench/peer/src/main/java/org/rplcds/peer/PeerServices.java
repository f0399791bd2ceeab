package org.rplcds.peer;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service definitions the module's booter starts in a context of their own. */
@Configuration
public class PeerServices {

    @Bean(name = "cdsServices")
    List<Object> cdsServices() {
        return List.of(new PatientViewService());
    }
}
