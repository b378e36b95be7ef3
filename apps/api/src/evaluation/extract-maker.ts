import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@workwell/auth';
import {
  type AsOf,
  earlierExtractSharing,
  EPISODES_FILE,
  type ExtractManifest,
  extractSharingOf,
  MANIFEST_FILE,
  recordExtractSharing,
  writeEpisodeExtract,
} from '@workwell/evaluation';
import { API_DEPENDENCIES, type ApiDependencies } from '../infrastructure/api.dependencies';
import { keyReused } from '../infrastructure/idempotency';
import type { ExtractRequest } from './evaluation-replay.query';

export interface ExtractMade {
  readonly id: string;
  readonly manifestSha256: string;
  readonly manifest: ExtractManifest;
  readonly files: readonly { readonly name: string; readonly href: string }[];
  /** True when this answers a retry: the first extract, nothing made or recorded again. */
  readonly replayed: boolean;
}

/** The id of the extract a user's key names: a retry finds the first one's directory. */
const extractIdFor = (userId: string, key: string): string => {
  const hex = createHash('sha256').update(`workwell-extract\n${userId}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Makes evaluation extracts on the server, each in a directory of its own under
 * `WORKWELL_DATA_DIR/extracts` (a failure removes only that one), recorded as a data sharing once
 * its files are complete. An Idempotency-Key names one request of one user: a retry, even one
 * that arrives while the first is still being made, gets the first extract; the same key with
 * another request is refused.
 */
@Injectable()
export class ExtractMaker {
  private readonly making = new Map<string, Promise<ExtractMade & { readonly requestLine: string }>>();

  constructor(@Inject(API_DEPENDENCIES) private readonly deps: ApiDependencies) {}

  directory(id: string): string {
    return path.join(this.deps.config.dataDir, 'extracts', id);
  }

  async make(body: ExtractRequest, asOf: AsOf, principal: Principal, key: string | undefined, requestLine: string): Promise<ExtractMade> {
    if (key === undefined) return this.write(randomUUID(), body, asOf, principal, undefined, requestLine);
    const slot = `${principal.userId}\u0000${key}`;
    const running = this.making.get(slot);
    if (running) {
      const first = await running;
      if (first.requestLine !== requestLine) throw keyReused();
      return { ...first, replayed: true };
    }
    const work = (async () => {
      const earlier = await earlierExtractSharing(this.deps.eventStore, principal.userId, key);
      if (earlier) {
        if (earlier.metadata.request !== requestLine) throw keyReused();
        return { ...this.answer(String(earlier.metadata.extractId), earlier.sharing.manifestSha256, true), requestLine };
      }
      return { ...(await this.write(extractIdFor(principal.userId, key), body, asOf, principal, key, requestLine)), requestLine };
    })();
    this.making.set(slot, work);
    try {
      const { requestLine: _line, ...made } = await work;
      return made;
    } finally {
      this.making.delete(slot);
    }
  }

  private async write(
    id: string,
    body: ExtractRequest,
    asOf: AsOf,
    principal: Principal,
    key: string | undefined,
    requestLine: string,
  ): Promise<ExtractMade> {
    const result = await writeEpisodeExtract(this.deps.eventStore, asOf, {
      outDir: this.directory(id),
      pseudonymKey: this.deps.secrets.pseudonymKey,
      siteId: body.siteId,
      allowEmpty: body.allowEmpty === true,
      beforePublish: async (manifest, manifestSha256) => {
        await recordExtractSharing(
          this.deps.eventStore,
          extractSharingOf(manifest, manifestSha256, {
            recipient: body.recipient,
            agreementReference: body.agreementReference,
            occurredAt: this.deps.clock().toISOString(),
            sharedBy: {
              userId: principal.userId,
              role: principal.role,
              organisation: principal.organisation,
              site: principal.site ?? 'national',
            },
          }),
          { idempotencyKey: key, metadata: { extractId: id, request: requestLine } },
        );
      },
    });
    return { id, manifestSha256: result.manifestSha256, manifest: result.manifest, files: this.links(id), replayed: false };
  }

  private answer(id: string, manifestSha256: string, replayed: boolean): ExtractMade {
    const manifest = JSON.parse(fs.readFileSync(path.join(this.directory(id), MANIFEST_FILE), 'utf8')) as ExtractManifest;
    return { id, manifestSha256, manifest, files: this.links(id), replayed };
  }

  private links(id: string) {
    return [EPISODES_FILE, MANIFEST_FILE].map((name) => ({ name, href: `/evaluation/extracts/${id}/${name}` }));
  }
}
