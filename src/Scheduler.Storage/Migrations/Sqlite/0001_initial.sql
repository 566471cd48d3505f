-- Scenario inputs: posts with versioned monthly profiles, cases and applicants, months with
-- their bulletin and numbers. Dates, times and instants are ISO text; shares exact decimal text.
CREATE TABLE posts (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    serves TEXT NOT NULL,
    designated_for TEXT NOT NULL
);

CREATE TABLE post_profiles (
    id INTEGER PRIMARY KEY,
    post_code TEXT NOT NULL REFERENCES posts(code),
    month TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    weekend TEXT NOT NULL,
    min_notice_days INTEGER NOT NULL CHECK (min_notice_days >= 0),
    fingerprint TEXT NOT NULL,
    UNIQUE (post_code, month, version)
);

-- day NULL: an ordinary working day's session; start NULL: an override that closes the day.
CREATE TABLE profile_sessions (
    profile_id INTEGER NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    day TEXT NULL,
    start TEXT NULL,
    applicants INTEGER NOT NULL CHECK (applicants >= 0),
    PRIMARY KEY (profile_id, ordinal),
    CHECK (start IS NOT NULL OR day IS NOT NULL)
);

CREATE TABLE profile_closed (
    profile_id INTEGER NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    PRIMARY KEY (profile_id, day)
);

CREATE TABLE profile_mix (
    profile_id INTEGER NOT NULL REFERENCES post_profiles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    dimension TEXT NOT NULL,
    value TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('max', 'target')),
    share TEXT NOT NULL CHECK (CAST(share AS REAL) >= 0 AND CAST(share AS REAL) <= 1),
    PRIMARY KEY (profile_id, ordinal)
);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    visa_class TEXT NOT NULL,
    priority_date TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    dq_date TEXT NULL,
    post TEXT NULL,
    residence TEXT NULL,
    nationality TEXT NULL,
    language TEXT NOT NULL,
    system_source TEXT NOT NULL,
    expedite INTEGER NOT NULL,
    interview_by TEXT NULL
);
CREATE INDEX cases_position ON cases(position);

CREATE TABLE applicants (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('P', 'S', 'C')),
    birth_date TEXT NULL,
    traveling INTEGER NOT NULL,
    docs_expire TEXT NULL
);
CREATE INDEX applicants_case ON applicants(case_id, position);

-- numbers_source: 'pools' (numbers.csv), 'act' (derived from limits and usage) or 'none'.
CREATE TABLE months (
    month TEXT PRIMARY KEY,
    as_of TEXT NOT NULL,
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
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    month TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'committed', 'superseded', 'failed', 'stopped', 'abandoned', 'refused')),
    as_of TEXT NOT NULL,
    seed INTEGER NOT NULL,
    solver TEXT NOT NULL,
    workers INTEGER NOT NULL,
    force INTEGER NOT NULL,
    engine_version TEXT NOT NULL,
    input_hash TEXT NULL,
    started TEXT NOT NULL,
    ended TEXT NULL,
    scheduled_cases INTEGER NULL,
    scheduled_applicants INTEGER NULL,
    capacity INTEGER NULL,
    fifo_inversions INTEGER NULL,
    solver_status TEXT NULL,
    gap REAL NULL,
    plan_ms INTEGER NULL,
    message TEXT NULL,
    superseded_by INTEGER NULL REFERENCES batches(id),
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    input_files BLOB NULL,
    summary_json BLOB NULL,
    numbers_csv BLOB NULL
);
CREATE UNIQUE INDEX batches_one_live_per_month ON batches(month) WHERE status = 'committed';
CREATE INDEX batches_month ON batches(month, status);

CREATE TABLE appointments (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    post TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL,
    applicants INTEGER NOT NULL CHECK (applicants >= 0),
    PRIMARY KEY (batch_id, ordinal),
    UNIQUE (batch_id, case_id)
);
CREATE INDEX appointments_case ON appointments(case_id);

CREATE TABLE allocations (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    applicant_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    category TEXT NOT NULL,
    chargeability TEXT NOT NULL,
    live INTEGER NOT NULL,
    PRIMARY KEY (batch_id, ordinal)
);
CREATE UNIQUE INDEX allocations_one_live_number ON allocations(applicant_id) WHERE live;

CREATE TABLE unscheduled (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (batch_id, ordinal)
);
