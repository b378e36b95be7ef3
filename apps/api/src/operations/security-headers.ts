import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The Content-Security-Policy of every answer: pages served by the API load their scripts,
 * styles, fonts and data from the API's own origin only (no inline script), images also as
 * `data:` URLs, and may not be framed.
 */
export const pagePolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * For a self-contained document with its own inline styles and nothing to load (a subject access
 * document, a consent receipt): a route sets it on its reply, which replaces the default.
 */
export const selfContainedDocumentPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const helmetOptions: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: pagePolicy },
  // TLS ends at the reverse proxy; browsers ignore HSTS over plain HTTP, so it is safe to send always.
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
};

/** The headers helmet's middleware writes, collected once: it writes the same ones to every answer. */
const helmetHeaders = (): Record<string, string> => {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let written = false;
  helmet(helmetOptions)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    written = true;
  });
  if (!written) throw new Error('helmet did not write its headers synchronously');
  return headers;
};

/**
 * Security headers on every answer (helmet's defaults: HSTS, nosniff, frame and referrer
 * policies, cross-origin isolation headers) with the page policy above. They are set when the
 * request arrives, so a header a route sets later wins: that is how a route overrides the CSP
 * (the self-contained survival-curves page allows exactly its own inline script and style by hash:
 * `survivalChartCsp()` in libs/evaluation).
 *
 * Helmet's headers are computed once at start-up: @fastify/helmet rebuilt its middleware (option
 * parsing, policy strings) on every request, and the middleware's own setHeader calls on the raw
 * response cost more than Fastify's reply headers; together a few per cent of the API's CPU.
 */
export const addSecurityHeaders = (app: NestFastifyApplication): void => {
  const headers = helmetHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
};
