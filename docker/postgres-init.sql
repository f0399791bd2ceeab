-- A second database for the HAPI FHIR JPA server; the service's own tables live in "cds".
CREATE DATABASE hapi OWNER cds;
