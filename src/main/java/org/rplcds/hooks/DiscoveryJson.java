package org.rplcds.hooks;

import java.util.List;

/** The discovery document. */
public record DiscoveryJson(List<ServiceDefinitionJson> services) {}
