--liquibase formatted sql

--changeset storage-service:001-schema
CREATE SCHEMA IF NOT EXISTS storage;
