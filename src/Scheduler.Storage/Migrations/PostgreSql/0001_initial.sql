-- Scenario inputs: posts with versioned monthly profiles, cases and applicants, months with
-- their bulletin and numbers. Dates, times and instants are native date, time and timestamptz; shares numeric.
-- Ids and post codes are COLLATE "C": compared byte for byte, as the engine compares them, and their
-- indexes (hundreds of thousands of rows per import) skip the locale's collation.
CREATE TABLE posts (
    code TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    serves TEXT NOT NULL,
    designated_for TEXT NOT NULL
);

CREATE TABLE post_profiles (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_code TEXT COLLATE "C" NOT NULL REFERENCES posts(code),
    month TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    uploaded_at TIMESTAMPTZ NOT NULL,
    uploaded_by TEXT NOT NULL,
    weekend TEXT NOT NULL,
    min_notice_days INTEGER NOT NULL CHECK (min_notice_days >= 0),
    fingerprint TEXT NOT NULL,
    UNIQUE (post_code, month, version)
);

-- day NULL: an ordinary working day's session; start NULL: an override that closes the day.
CREATE TABLE profile_sessions (
    profile_id BIGINT NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    day DATE NULL,
    start TIME NULL,
    applicants INTEGER NOT NULL CHECK (applicants >= 0),
    PRIMARY KEY (profile_id, ordinal),
    CHECK (start IS NOT NULL OR day IS NOT NULL)
);

CREATE TABLE profile_closed (
    profile_id BIGINT NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    PRIMARY KEY (profile_id, day)
);

CREATE TABLE profile_mix (
    profile_id BIGINT NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('max', 'target')),
    share NUMERIC NOT NULL CHECK (share >= 0 AND share <= 1),
    PRIMARY KEY (profile_id, ordinal)
);

CREATE TABLE cases (
    id TEXT COLLATE "C" PRIMARY KEY,
    position BIGINT NOT NULL,
    category TEXT NOT NULL,
    visa_class TEXT NOT NULL,
    priority_date DATE NOT NULL,
    chargeability TEXT NOT NULL,
    dq_date DATE NULL,
    post TEXT COLLATE "C" NULL,
    residence TEXT NULL,
    nationality TEXT NULL,
    language TEXT NOT NULL,
    system_source TEXT NOT NULL,
    expedite BOOLEAN NOT NULL,
    interview_by DATE NULL
);
CREATE INDEX cases_position ON cases(position);

CREATE TABLE applicants (
    id TEXT COLLATE "C" PRIMARY KEY,
    case_id TEXT COLLATE "C" NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('P', 'S', 'C')),
    birth_date DATE NULL,
    traveling BOOLEAN NOT NULL,
    docs_expire DATE NULL
);
CREATE INDEX applicants_case ON applicants(case_id, position);

-- numbers_source: 'pools' (numbers.csv), 'act' (derived from limits and usage) or 'none'.
CREATE TABLE months (
    month TEXT PRIMARY KEY,
    as_of DATE NOT NULL,
    numbers_source TEXT NOT NULL CHECK (numbers_source IN ('pools', 'act', 'none'))
);

CREATE TABLE bulletin (
    month TEXT NOT NULL REFERENCES months(month),
    ordinal INTEGER NOT NULL,
    category TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    final_action TEXT NOT NULL,
    dates_for_filing TEXT NULL,
    PRIMARY KEY (month, ordinal),
    UNIQUE (month, category, chargeability)
);

CREATE TABLE number_pools (
    month TEXT NOT NULL REFERENCES months(month),
    ordinal INTEGER NOT NULL,
    category TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    available INTEGER NOT NULL CHECK (available >= 0),
    PRIMARY KEY (month, ordinal),
    UNIQUE (month, category, chargeability)
);

CREATE TABLE annual_limits (
    fiscal_year INTEGER NOT NULL,
    category TEXT NOT NULL,
    annual_limit INTEGER NOT NULL CHECK (annual_limit >= 0),
    PRIMARY KEY (fiscal_year, category)
);

CREATE TABLE numbers_usage (
    month TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    category TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    used INTEGER NOT NULL CHECK (used >= 0),
    PRIMARY KEY (month, category, chargeability)
);
CREATE INDEX numbers_usage_year ON numbers_usage(fiscal_year);

-- Batches: the ledger of every monthly run and the schedules of committed ones.
CREATE TABLE batches (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    month TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'committed', 'superseded', 'failed', 'stopped', 'abandoned', 'refused')),
    as_of DATE NOT NULL,
    seed INTEGER NOT NULL,
    solver TEXT NOT NULL,
    workers INTEGER NOT NULL,
    force BOOLEAN NOT NULL,
    engine_version TEXT NOT NULL,
    input_hash TEXT NULL,
    started TIMESTAMPTZ NOT NULL,
    ended TIMESTAMPTZ NULL,
    scheduled_cases INTEGER NULL,
    scheduled_applicants INTEGER NULL,
    capacity INTEGER NULL,
    fifo_inversions INTEGER NULL,
    solver_status TEXT NULL,
    gap DOUBLE PRECISION NULL,
    plan_ms INTEGER NULL,
    message TEXT NULL,
    superseded_by BIGINT NULL REFERENCES batches(id),
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    input_files BYTEA NULL,
    summary_json BYTEA NULL,
    numbers_csv BYTEA NULL
);
CREATE UNIQUE INDEX batches_one_live_per_month ON batches(month) WHERE status = 'committed';
CREATE INDEX batches_month ON batches(month, status);

CREATE TABLE appointments (
    batch_id BIGINT NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    case_id TEXT COLLATE "C" NOT NULL,
    post TEXT COLLATE "C" NOT NULL,
    date DATE NOT NULL,
    start TIME NOT NULL,
    applicants INTEGER NOT NULL CHECK (applicants >= 0),
    PRIMARY KEY (batch_id, ordinal),
    UNIQUE (batch_id, case_id)
);
CREATE INDEX appointments_case ON appointments(case_id);

CREATE TABLE allocations (
    batch_id BIGINT NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    applicant_id TEXT COLLATE "C" NOT NULL,
    case_id TEXT COLLATE "C" NOT NULL,
    category TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    live BOOLEAN NOT NULL,
    PRIMARY KEY (batch_id, ordinal)
);
CREATE UNIQUE INDEX allocations_one_live_number ON allocations(applicant_id) WHERE live;

CREATE TABLE unscheduled (
    batch_id BIGINT NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    case_id TEXT COLLATE "C" NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (batch_id, ordinal)
);
