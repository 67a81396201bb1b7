-- The cluster's jobs: one row per input file, the whole job as a JSON document (a new job field needs no
-- migration); the columns beside it are what the claims and the intake query.
CREATE TABLE mp4drop_job (
    id          TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    source      TEXT NOT NULL,
    stage       TEXT NOT NULL,
    finished    BOOLEAN NOT NULL DEFAULT FALSE,
    -- when the job wants to be looked at again (a render poll, a retry); an idle job holds no lease
    due_at      TIMESTAMPTZ,
    lease_owner TEXT,
    lease_until TIMESTAMPTZ,
    doc         JSONB NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- one job at a time per content: a second take of the same file does nothing
CREATE UNIQUE INDEX mp4drop_job_content_under_way ON mp4drop_job (sha256) WHERE NOT finished;
CREATE INDEX mp4drop_job_due ON mp4drop_job (due_at) WHERE NOT finished;
CREATE INDEX mp4drop_job_source ON mp4drop_job (source) WHERE NOT finished;
CREATE INDEX mp4drop_job_converted ON mp4drop_job (sha256) WHERE stage = 'DONE';

CREATE TABLE mp4drop_instance (
    node         TEXT PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL
);

-- the cluster's one cloud identity: the anonymous client id and its token
CREATE TABLE mp4drop_secret (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
