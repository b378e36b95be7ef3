import { referral } from './journey-requests';

const { personalDetails } = referral();
const compact = (value: string) => value.replace(/\s+/g, '');
/** The test referral's personal data, as sent, without spaces and URL-encoded, and anything shaped like a bearer token (a JWT). */
const personal = [
  personalDetails.name,
  personalDetails.nhsNumber,
  personalDetails.postcode,
  personalDetails.phone,
  personalDetails.dateOfBirth,
]
  .filter((value): value is string => typeof value === 'string')
  .flatMap((value) => [value, compact(value), encodeURIComponent(value)]);
const jwt = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./;

/**
 * Receives every log line an engine writes (at debug level, so that every request line is there)
 * and remembers each that carries personal data or a token: the engine harness fails the test
 * file when it stops, so no end-to-end test can log what must never be logged.
 */
export class LogGuard {
  readonly lines: string[] = [];
  private readonly findings: string[] = [];
  private readonly secrets = new Set<string>(personal);

  /** A value (a token the test minted, say) that must never appear in a line. */
  forbid(value: string): void {
    this.secrets.add(value);
  }

  readonly sink = (line: string): void => {
    this.lines.push(line);
    const found = [...this.secrets].find((secret) => line.includes(secret)) ?? (jwt.test(line) ? 'a JWT' : undefined);
    if (found !== undefined) this.findings.push(`${found} in ${line}`);
    if (process.env.WORKWELL_TEST_LOG === 'debug' || (process.env.WORKWELL_TEST_LOG && /"level":"(error|fatal)"/.test(line)))
      process.stderr.write(line + '\n');
  };

  /** Throws naming the first offending line. */
  assertClean(): void {
    if (this.findings.length > 0)
      throw new Error(
        `${this.findings.length} log line(s) carried personal data or a token; the first: ${this.findings[0].slice(0, 2000)}`,
      );
  }
}
