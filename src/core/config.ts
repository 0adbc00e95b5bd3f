/**
 * Configuration comes from the environment only, read once at start-up.
 * Bad values stop the process with a message that names the variable, so a
 * misconfigured server never starts half-working.
 */
export interface Config {
  /** `development` relaxes nothing that matters for safety; it only changes logging. */
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Folder for the embedded PostgreSQL (PGlite); ignored when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…` switches from PGlite to a PostgreSQL server. */
  databaseUrl: string | undefined;
  /** Connections in the pool when `databaseUrl` is set. */
  databasePoolSize: number;
  /** Bearer token that allows writing through the API until accounts exist. */
  adminToken: string | undefined;
  logLevel: string;
  /**
   * Behind a reverse proxy: take the client's address and the public host from
   * X-Forwarded-* headers. Off by default, because a client could otherwise
   * claim any address and slip past the rate limits.
   */
  trustProxy: boolean;
  /**
   * Where people reach the platform, for links in e-mail. Never taken from the
   * request's Host header, which a client chooses (a reset link must not point elsewhere).
   */
  publicUrl: string;
  /** `smtp://user:pass@host:port` or `smtps://…`; without it, mail stays in the outbox for the platform administrator. */
  smtpUrl: string | undefined;
  /** Sender of every e-mail, e.g. `Leerecosysteem <noreply@example.org>`. */
  mailFrom: string;
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const adminToken = env.ADMIN_TOKEN || undefined;
  if (adminToken && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters long');
  }
  const port = int('PORT', env.PORT, 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(publicUrl)) {
    throw new ConfigError('PUBLIC_URL must be a web address without a path, such as https://leren.example.org');
  }
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  const mailFrom = env.MAIL_FROM || 'Leerecosysteem <noreply@localhost>';
  if (!/^[^\r\n]{3,200}$/.test(mailFrom) || !mailFrom.includes('@')) {
    throw new ConfigError('MAIL_FROM must be one e-mail address, optionally with a name: Name <address@example.org>');
  }
  return {
    env: nodeEnv,
    port,
    host,
    dataDir: env.DATA_DIR || './data',
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 200),
    adminToken,
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    publicUrl,
    smtpUrl,
    mailFrom,
  };
}
