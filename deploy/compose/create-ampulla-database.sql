-- Ampulla's feedback store, in the PostgreSQL server the Compose stack shares with HAPI FHIR.
-- Local demonstration credentials only. Ampulla creates its tables itself (Flyway migrations) at start-up.
CREATE USER ampulla WITH PASSWORD 'ampulla';
CREATE DATABASE ampulla OWNER ampulla;
