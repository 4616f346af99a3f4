-- pytest-pggit test data: Svix's (webhooks service) PostgreSQL migrations, every
-- server/svix-server/migrations/*.up.sql in order, as sqlx runs them on an empty database
-- (a migration history: foreign keys added later, columns dropped, collations changed, a table split out,
-- indexes replaced)
-- Source: https://github.com/svix/svix-webhooks (commit 4fc0cfb8b426c87ef7e2b937e7d896a71d456a47),
--   server/svix-server/migrations/*.up.sql
-- License:
--   MIT (the repository's LICENSE), reproduced here:
--     The MIT License
--
--     Copyright (c) 2021 Svix (https://www.svix.com)
--
--     Permission is hereby granted, free of charge, to any person obtaining a copy
--     of this software and associated documentation files (the "Software"), to deal
--     in the Software without restriction, including without limitation the rights
--     to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
--     copies of the Software, and to permit persons to whom the Software is
--     furnished to do so, subject to the following conditions:
--
--     The above copyright notice and this permission notice shall be included in
--     all copies or substantial portions of the Software.
--
--     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
--     IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
--     FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
--     AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
--     LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
--     OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
--     THE SOFTWARE.
-- Changes:
--   * each file starts with a "-- ===== <path>" line and ends with a lone ";"

-- ===== server/svix-server/migrations/20220123205937_initial.up.sql
CREATE TABLE application (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    org_id character varying NOT NULL COLLATE pg_catalog."C",
    uid character varying COLLATE pg_catalog."C",
    name character varying NOT NULL,
    rate_limit integer,
    deleted boolean NOT NULL
);

ALTER TABLE ONLY application
    ADD CONSTRAINT pk_application PRIMARY KEY (id);

CREATE UNIQUE INDEX ix_application_unique_uid_per_org_cond ON application USING btree (org_id, uid) WHERE (uid IS NOT NULL);

CREATE TABLE endpoint (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    app_id character varying NOT NULL COLLATE pg_catalog."C",
    key bytea NOT NULL,
    url character varying NOT NULL,
    description character varying NOT NULL,
    event_types_ids jsonb,
    version integer NOT NULL,
    rate_limit integer,
    deleted boolean NOT NULL,
    disabled boolean NOT NULL,
    first_failure_at timestamp with time zone,
    uid character varying COLLATE pg_catalog."C",
    old_keys jsonb,
    channels jsonb
);

ALTER TABLE ONLY endpoint
    ADD CONSTRAINT pk_endpoint PRIMARY KEY (id);

CREATE UNIQUE INDEX ix_endpoint_uid_unique_app_cond ON endpoint USING btree (app_id, uid) WHERE (uid IS NOT NULL);

CREATE TABLE eventtype (
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    id character varying NOT NULL COLLATE pg_catalog."C",
    org_id character varying NOT NULL COLLATE pg_catalog."C",
    description character varying NOT NULL,
    deleted boolean NOT NULL,
    schemas json,
    name character varying NOT NULL
);

ALTER TABLE ONLY eventtype
    ADD CONSTRAINT pk_eventtype PRIMARY KEY (id);

CREATE UNIQUE INDEX ix_event_type_unique_org ON eventtype USING btree (org_id, name);

CREATE TABLE message (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    org_id character varying NOT NULL COLLATE pg_catalog."C",
    app_id character varying NOT NULL COLLATE pg_catalog."C",
    event_type character varying NOT NULL,
    uid character varying,
    payload jsonb NOT NULL,
    channels jsonb
);

ALTER TABLE ONLY message
    ADD CONSTRAINT pk_message PRIMARY KEY (id);

CREATE INDEX ix_message_per_app ON message USING btree (app_id, id DESC);

CREATE UNIQUE INDEX ix_message_uid_unique_app_cond ON message USING btree (app_id, uid) WHERE (uid IS NOT NULL);


CREATE TABLE messageattempt (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    msg_id character varying NOT NULL COLLATE pg_catalog."C",
    msg_dest_id character varying NOT NULL COLLATE pg_catalog."C",
    endp_id character varying NOT NULL COLLATE pg_catalog."C",
    url character varying NOT NULL,
    status smallint NOT NULL,
    response_status_code smallint NOT NULL,
    response text DEFAULT ''::text NOT NULL,
    ended_at timestamp with time zone,
    trigger_type smallint NOT NULL
);

ALTER TABLE ONLY messageattempt
    ADD CONSTRAINT pk_messageattempt PRIMARY KEY (id);

CREATE INDEX ix_messageattempt_per_msg_no_status ON messageattempt USING btree (msg_id, id DESC);


CREATE TABLE messagedestination (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    msg_id character varying NOT NULL COLLATE pg_catalog."C",
    endp_id character varying NOT NULL COLLATE pg_catalog."C",
    status smallint NOT NULL,
    next_attempt timestamp with time zone
);

ALTER TABLE ONLY messagedestination
    ADD CONSTRAINT pk_messagedestination PRIMARY KEY (id);

CREATE INDEX ix_messagedestination_per_endp_no_status ON messagedestination USING btree (endp_id, id DESC);

CREATE INDEX ix_messagedestination_per_endp_with_status ON messagedestination USING btree (endp_id, status, id DESC);
;

-- ===== server/svix-server/migrations/20220125145204_foreign_keys.up.sql
-- Add up migration script here
-- For performance reasons we only add foreign keys for the "direct tree" relations (so partent -> child)
-- So we don't have to check too many constraints on items we insert a lot

ALTER TABLE endpoint ADD CONSTRAINT fk_endpoint_app_id_application FOREIGN KEY(app_id) REFERENCES application (id) ON DELETE CASCADE;
ALTER TABLE message ADD CONSTRAINT fk_message_app_id_application FOREIGN KEY(app_id) REFERENCES application (id) ON DELETE CASCADE;
ALTER TABLE messageattempt ADD CONSTRAINT fk_messageattempt_msg_dest_id_messagedestination FOREIGN KEY(msg_dest_id) REFERENCES messagedestination (id) ON DELETE CASCADE;
ALTER TABLE messagedestination ADD CONSTRAINT fk_messagedestination_msg_id_message FOREIGN KEY(msg_id) REFERENCES message (id) ON DELETE CASCADE;
ALTER TABLE messagedestination ADD CONSTRAINT fk_messagedestination_endp_id_endpoint FOREIGN KEY(endp_id) REFERENCES endpoint (id) ON DELETE CASCADE;
;

-- ===== server/svix-server/migrations/20220218061228_endpoint_headers.up.sql
ALTER TABLE endpoint ADD COLUMN headers jsonb;
;

-- ===== server/svix-server/migrations/20220428190104_message_expiration.up.sql
ALTER TABLE message ADD COLUMN expiration timestamp with time zone NOT NULL DEFAULT now() + INTERVAL '90 day';
ALTER TABLE message ALTER COLUMN payload DROP NOT NULL;
CREATE INDEX message_payload_not_null_pidx ON message (expiration) WHERE payload IS NOT NULL;
;

-- ===== server/svix-server/migrations/20220506181355_remove_updated_at_from_static_entities.up.sql
ALTER TABLE message DROP COLUMN updated_at;
ALTER TABLE messageattempt DROP COLUMN updated_at;
;

-- ===== server/svix-server/migrations/20221104170041_add_applicationmetadata.up.sql
-- Add up migration script here
CREATE TABLE applicationmetadata (
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    id character varying NOT NULL COLLATE pg_catalog."C",
    data jsonb NOT NULL
);

ALTER TABLE ONLY applicationmetadata
    ADD CONSTRAINT applicationmetadata_pkey PRIMARY KEY (id);
;

-- ===== server/svix-server/migrations/20221129215059_correct_collation.up.sql
ALTER TABLE eventtype ALTER name TYPE VARCHAR COLLATE "C";
ALTER TABLE message ALTER event_type TYPE VARCHAR COLLATE "C";
ALTER TABLE message ALTER uid TYPE VARCHAR COLLATE "C";
;

-- ===== server/svix-server/migrations/20221206214656_missing_msg_dest_endpoint.up.sql
-- Add up migration script here
CREATE INDEX ix_messagedestination_per_msg_no_status ON messagedestination USING btree (msg_id);
;

-- ===== server/svix-server/migrations/20221215195541_add_endpoint_metadata.up.sql
-- Add up migration script here
CREATE TABLE endpointmetadata (
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    id character varying NOT NULL COLLATE pg_catalog."C",
    data jsonb NOT NULL
);

ALTER TABLE ONLY endpointmetadata 
    ADD CONSTRAINT endpointmetadata_pkey PRIMARY KEY (id);
;

-- ===== server/svix-server/migrations/20230116095641_add_event_type_feature_flags.up.sql
-- Add up migration script here
ALTER TABLE ONLY eventtype ADD COLUMN feature_flag text;
;

-- ===== server/svix-server/migrations/20230505222507_operational_webhook_event-types.up.sql
INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK6pz91yFxPrGh92s2g38js', 'org_00000000000SvixManagement00', 'Sent when an endpoint is created.', false, '{"1": {"type": "object", "title": "EndpointCreatedEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "endpointUid": "unique-endpoint-identifier"}, "type": "endpoint.created"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/EndpointCreatedEventData"}, "type": {"enum": ["endpoint.created"], "type": "string", "title": "Type", "default": "endpoint.created"}}, "definitions": {"EndpointCreatedEventData": {"type": "object", "title": "EndpointCreatedEventData", "required": ["appId", "endpointId"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "endpointUid": {"type": "string", "title": "Endpointuid", "example": "unique-endpoint-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the endpoint"}}}}, "description": "Sent when an endpoint is created."}}', 'endpoint.created', NULL);

INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK6QKJWGeDVSWXY2vJgDSQB', 'org_00000000000SvixManagement00', 'Sent when an endpoint is updated.', false, '{"1": {"type": "object", "title": "EndpointUpdatedEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "endpointUid": "unique-endpoint-identifier"}, "type": "endpoint.updated"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/EndpointUpdatedEventData"}, "type": {"enum": ["endpoint.updated"], "type": "string", "title": "Type", "default": "endpoint.updated"}}, "definitions": {"EndpointUpdatedEventData": {"type": "object", "title": "EndpointUpdatedEventData", "required": ["appId", "endpointId"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "endpointUid": {"type": "string", "title": "Endpointuid", "example": "unique-endpoint-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the endpoint"}}}}, "description": "Sent when an endpoint is updated."}}', 'endpoint.updated', NULL);

INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK6vcRRnl2tyeEOfcQ15C4x', 'org_00000000000SvixManagement00', 'Sent when an endpoint is deleted.', false, '{"1": {"type": "object", "title": "EndpointDeletedEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "endpointUid": "unique-endpoint-identifier"}, "type": "endpoint.deleted"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/EndpointDeletedEventData"}, "type": {"enum": ["endpoint.deleted"], "type": "string", "title": "Type", "default": "endpoint.deleted"}}, "definitions": {"EndpointDeletedEventData": {"type": "object", "title": "EndpointDeletedEventData", "required": ["appId", "endpointId"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "endpointUid": {"type": "string", "title": "Endpointuid", "example": "unique-endpoint-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the endpoint"}}}}, "description": "Sent when an endpoint is deleted."}}', 'endpoint.deleted', NULL);

INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK70XG6GQHcqTkeGvID3EvB', 'org_00000000000SvixManagement00', 'Sent when an endpoint has been automatically disabled after continuous failures.', false, '{"1": {"type": "object", "title": "EndpointDisabledEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "failSince": "1970-01-01T00:00:00", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "endpointUid": "unique-endpoint-identifier"}, "type": "endpoint.disabled"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/EndpointDisabledEventData"}, "type": {"enum": ["endpoint.disabled"], "type": "string", "title": "Type", "default": "endpoint.disabled"}}, "definitions": {"EndpointDisabledEventData": {"type": "object", "title": "EndpointDisabledEventData", "required": ["appId", "endpointId", "failSince"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "failSince": {"type": "string", "title": "Failsince", "format": "date-time"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "endpointUid": {"type": "string", "title": "Endpointuid", "example": "unique-endpoint-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the endpoint"}}}}, "description": "Sent when an endpoint has been automatically disabled after continuous failures."}}', 'endpoint.disabled', NULL);

INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK6MvCdGn7rQmnj8yDYBuGJ', 'org_00000000000SvixManagement00', 'Sent after a message has been failing for a few times.', false, '{"1": {"type": "object", "title": "MessageAttemptFailingEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "msgId": "msg_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "msgEventId": "unique-msg-identifier", "lastAttempt": {"id": "atmpt_1srOrx2ZWZBpBUvZwXKQmoEYga2", "timestamp": "1970-01-01T00:00:00", "responseStatusCode": 500}}, "type": "message.attempt.failing"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/MessageAttemptFailingEventData"}, "type": {"enum": ["message.attempt.failing"], "type": "string", "title": "Type", "default": "message.attempt.failing"}}, "definitions": {"MessageAttemptFailedData": {"type": "object", "title": "MessageAttemptFailedData", "required": ["id", "responseStatusCode", "timestamp"], "properties": {"id": {"type": "string", "title": "Id", "example": "atmpt_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "timestamp": {"type": "string", "title": "Timestamp", "format": "date-time"}, "responseStatusCode": {"type": "integer", "title": "Responsestatuscode", "example": 500}}}, "MessageAttemptFailingEventData": {"type": "object", "title": "MessageAttemptFailingEventData", "required": ["appId", "msgId", "endpointId", "lastAttempt"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "msgId": {"type": "string", "title": "Msgid", "example": "msg_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "msgEventId": {"type": "string", "title": "Msgeventid", "example": "evt_pNZKtWg8Azow", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the message"}, "lastAttempt": {"$ref": "#/definitions/MessageAttemptFailedData"}}}}, "description": "Sent after a message has been failing for a few times.\nSent on the fourth failure. It complements `message.attempt.exhausted` which is sent after the last failure."}}', 'message.attempt.failing', NULL);

INSERT INTO eventtype(
    created_at, updated_at, id, org_id, description, deleted, schemas, name, feature_flag)
    VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'evtype_2POKhK7H4djUarm92hUYHt2HDI9', 'org_00000000000SvixManagement00', 'Sent when a message delivery has failed (all of the retry attempts have been exhausted).', false, '{"1": {"type": "object", "title": "MessageAttemptExhaustedEvent", "examples": [{"data": {"appId": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2", "msgId": "msg_1srOrx2ZWZBpBUvZwXKQmoEYga2", "appUid": "unique-app-identifier", "endpointId": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2", "msgEventId": "unique-msg-identifier", "lastAttempt": {"id": "atmpt_1srOrx2ZWZBpBUvZwXKQmoEYga2", "timestamp": "1970-01-01T00:00:00", "responseStatusCode": 500}}, "type": "message.attempt.exhausted"}], "required": ["data"], "properties": {"data": {"$ref": "#/definitions/MessageAttemptExhaustedEventData"}, "type": {"enum": ["message.attempt.exhausted"], "type": "string", "title": "Type", "default": "message.attempt.exhausted"}}, "definitions": {"MessageAttemptFailedData": {"type": "object", "title": "MessageAttemptFailedData", "required": ["id", "responseStatusCode", "timestamp"], "properties": {"id": {"type": "string", "title": "Id", "example": "atmpt_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "timestamp": {"type": "string", "title": "Timestamp", "format": "date-time"}, "responseStatusCode": {"type": "integer", "title": "Responsestatuscode", "example": 500}}}, "MessageAttemptExhaustedEventData": {"type": "object", "title": "MessageAttemptExhaustedEventData", "required": ["appId", "msgId", "endpointId", "lastAttempt"], "properties": {"appId": {"type": "string", "title": "Appid", "example": "app_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "msgId": {"type": "string", "title": "Msgid", "example": "msg_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "appUid": {"type": "string", "title": "Appuid", "example": "unique-app-identifier", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the application"}, "endpointId": {"type": "string", "title": "Endpointid", "example": "ep_1srOrx2ZWZBpBUvZwXKQmoEYga2"}, "msgEventId": {"type": "string", "title": "Msgeventid", "example": "evt_pNZKtWg8Azow", "pattern": "^[a-zA-Z0-9\\-_.]+$", "nullable": true, "maxLength": 256, "minLength": 1, "description": "Optional unique identifier for the message"}, "lastAttempt": {"$ref": "#/definitions/MessageAttemptFailedData"}}}}, "description": "Sent when a message delivery has failed (all of the retry attempts have been exhausted)."}}', 'message.attempt.exhausted', NULL);
;

-- ===== server/svix-server/migrations/20231010170520_messagecontent_table.up.sql
CREATE TABLE messagecontent (
    id character varying NOT NULL COLLATE pg_catalog."C",
    created_at timestamp with time zone NOT NULL,
    payload bytea NOT NULL,
    expiration timestamp with time zone NOT NULL DEFAULT now() + INTERVAL '90 day' 
);

ALTER TABLE ONLY messagecontent
    ADD CONSTRAINT pk_messagecontent PRIMARY KEY (id);

CREATE INDEX messagecontent_expiry ON messagecontent (expiration);
;

-- ===== server/svix-server/migrations/20240806212329_add_event_type_deprecated.up.sql
ALTER TABLE eventtype ADD COLUMN deprecated BOOLEAN DEFAULT FALSE NOT NULL;
;

-- ===== server/svix-server/migrations/20240906000000_add_response_duration.up.sql
-- Add response_duration_ms column to messageattempt table
ALTER TABLE messageattempt ADD COLUMN response_duration_ms BIGINT NOT NULL DEFAULT 0;
;

-- ===== server/svix-server/migrations/20250905195339_messageattempt_updates.up.sql
ALTER TABLE messageattempt DROP CONSTRAINT fk_messageattempt_msg_dest_id_messagedestination;
ALTER TABLE messageattempt ALTER COLUMN msg_dest_id DROP NOT NULL;

ALTER TABLE messageattempt ADD COLUMN IF NOT EXISTS attempt_number SMALLINT NOT NULL DEFAULT -1;

ALTER TABLE messageattempt ADD COLUMN IF NOT EXISTS next_attempt timestamptz NULL;
;

-- ===== server/svix-server/migrations/20250909214223_messageattempt_endp_idx.up.sql
CREATE INDEX IF NOT EXISTS messageattempt_per_endp_unified ON messageattempt (endp_id, status, id DESC) INCLUDE (response_status_code);
;
