-- The jti of each accepted CDS client token (CDS Hooks 2.0: a jti is used once), kept until the
-- token expires, so that every replica and every restart refuses a replay.
-- token_id is the SHA-256 of issuer and jti, in hex.
create table client_token_use (
    token_id char(64) primary key,
    expires_at timestamp with time zone not null
);
create index client_token_use_expiry on client_token_use (expires_at);
