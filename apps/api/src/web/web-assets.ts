import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WebAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built pages (dist/web), read once into memory: a handful of files whose names are all known,
 * so a request can only ever name one of them (no path reaches the file system).
 */
export const loadWebAssets = (dir: string | undefined): ReadonlyMap<string, WebAsset> => {
  const assets = new Map<string, WebAsset>();
  if (dir === undefined || !fs.existsSync(dir)) return assets;
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    const file = path.join(dir, name);
    if (type === undefined || !fs.statSync(file).isFile()) continue;
    const body = fs.readFileSync(file);
    assets.set(name, { body, contentType: type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
};

/**
 * The pages' policy: scripts, styles, data and images from this origin only, nothing inline. The
 * API's own policy (helmet) says the same; the pages set it themselves so that they are held to it.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
