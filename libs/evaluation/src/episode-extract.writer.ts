import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {
  csvLine,
  DEFAULT_SITE_SCHEDULE,
  EPISODE_EXTRACT_COLUMNS,
  EPISODE_EXTRACT_FORMAT,
  EXTRACT_DEFINITIONS,
  type ExtractedFile,
  type RecordedSiteConfiguration,
  type SiteRegistry,
  siteRegistryKnownAt,
} from '@workwell/domain';
import { loadSiteRegistry } from '@workwell/sites';
import type { EventStore } from '@workwell/event-store';
import type { AsOf } from './as-of.values';
import { type ReplayBasis, replayBasis } from './evaluation-replay';
import { type ReplayProgress, replayOutcomes } from './outcome-replay';
import { pseudonymKeyFingerprint } from './pseudonym';

export const EPISODES_FILE = 'episodes.csv';
export const MANIFEST_FILE = 'manifest.json';

/** Everything in it follows from the store and the key: two extracts of one as-of point are byte-identical. */
export interface ExtractManifest extends Omit<ReplayBasis, 'participants' | 'episodes'> {
  readonly dataset: string;
  readonly rows: number;
  readonly files: readonly (ExtractedFile & { readonly columns: readonly string[] })[];
  readonly codeListVersions: readonly string[];
  /** The follow-up schedule of sites without a configuration. */
  readonly followUpSchedule: typeof DEFAULT_SITE_SCHEDULE;
  /** Every site configuration known at the as-of point: what the cohorts, localities and schedules came from. */
  readonly siteConfigurations: readonly ManifestSiteConfiguration[];
  readonly pseudonymKeyFingerprint: string;
  readonly definitions: Readonly<Record<string, string>>;
}

export type ManifestSiteConfiguration = Pick<
  RecordedSiteConfiguration,
  'siteId' | 'vanguard' | 'validFrom' | 'position' | 'localities' | 'deliveryOrganisations' | 'followUpSchedule' | 'cohorts'
>;

const manifestSites = (sites: SiteRegistry): ManifestSiteConfiguration[] =>
  sites.configurations.map(({ siteId, vanguard, validFrom, position, localities, deliveryOrganisations, followUpSchedule, cohorts }) => ({
    siteId,
    vanguard,
    validFrom,
    position,
    localities,
    deliveryOrganisations,
    followUpSchedule,
    cohorts,
  }));

export interface ExtractResult {
  readonly manifest: ExtractManifest;
  readonly manifestSha256: string;
  readonly directory: string;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface ExtractOptions {
  readonly outDir: string;
  readonly pseudonymKey: Buffer;
  readonly siteId?: string;
  /** Threads replaying parts of the store (see `replayOutcomes`); the file is the same however many. */
  readonly threads?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /**
   * Runs once the files are written and checksummed, before they are put in place: recording
   * the data sharing here means no extract ever appears without its record.
   */
  readonly beforePublish?: (manifest: ExtractManifest, manifestSha256: string) => Promise<void>;
  /** Write and record an extract of no rows too; without it an empty extract is refused before anything is recorded. */
  readonly allowEmpty?: boolean;
}

export class ExtractTargetError extends Error {}

/** The as-of point holds no episode: an extract of it would record a sharing of nothing. */
export class EmptyExtractError extends Error {
  readonly code = 'EMPTY_EXTRACT';
  constructor(asOf: string, eventsRead: number) {
    super(
      eventsRead === 0
        ? `nothing had been recorded by ${asOf}, so the extract would hold no rows; nothing was written or recorded. As-of points count events by when they were recorded: try now, or allow an empty extract explicitly`
        : `no participant episode is in the extract as of ${asOf} (for this site), so it would hold no rows; nothing was written or recorded. Allow an empty extract explicitly to share one anyway`,
    );
    this.name = 'EmptyExtractError';
  }
}

/** What a replay's figures deserve a word about: an as-of point before anything was recorded gives nothing but zeros. */
export const asOfWarnings = (basis: { readonly asOf: string; readonly eventsRead: number }): string[] =>
  basis.eventsRead > 0
    ? []
    : [
        `No event had been recorded by ${basis.asOf}: every figure is empty. As-of points count events by when they were recorded, not when they happened; try the as-of point now.`,
      ];

/** Writes text in large chunks, hashing exactly the bytes written and waiting when the disk is behind. */
class HashedFile {
  private readonly stream: fs.WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private chunk = '';
  bytes = 0;

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { flags: 'wx', mode: 0o640 });
  }

  async write(text: string): Promise<void> {
    this.chunk += text;
    if (this.chunk.length >= 1 << 20) await this.flush();
  }

  /** Appends a file's bytes as they are. */
  async append(file: string): Promise<void> {
    await this.flush();
    for await (const buffer of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      this.hash.update(buffer);
      this.bytes += buffer.length;
      if (!this.stream.write(buffer)) await once(this.stream, 'drain');
    }
  }

  private async flush(): Promise<void> {
    const buffer = Buffer.from(this.chunk, 'utf8');
    this.chunk = '';
    this.hash.update(buffer);
    this.bytes += buffer.length;
    if (!this.stream.write(buffer)) await once(this.stream, 'drain');
  }

  async close(): Promise<string> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.hash.digest('hex');
  }

  abandon(): void {
    this.stream.destroy();
  }
}

/** Returns the directory to remove again if the extract fails: the one it created, if any. */
const prepareDirectory = (outDir: string): string | undefined => {
  if (fs.existsSync(outDir)) {
    if (!fs.statSync(outDir).isDirectory()) throw new ExtractTargetError(`--out ${outDir} is a file, not a directory`);
    if (fs.readdirSync(outDir).length > 0)
      throw new ExtractTargetError(
        `--out ${outDir} is not empty: an extract goes into a new or empty directory, so that nothing is mixed or overwritten`,
      );
    return undefined;
  }
  // Only the directory of this extract is ever removed again, never a parent that other extracts share.
  fs.mkdirSync(outDir, { recursive: true, mode: 0o750 });
  return outDir;
};

/**
 * The longitudinal participant-episode dataset as known at the as-of point: one CSV row per
 * episode under a keyed pseudonym, and a manifest of what it holds. Files are written under
 * temporary names and renamed into place only when complete and recorded; on any failure
 * nothing is left behind.
 */
export const writeEpisodeExtract = async (store: EventStore, asOf: AsOf, options: ExtractOptions): Promise<ExtractResult> => {
  const created = prepareDirectory(options.outDir);
  const partial = (name: string): string => path.join(options.outDir, `.${name}.partial`);
  // Each part of the replay writes its rows here; they are joined in store order.
  const parts = path.join(options.outDir, '.parts');
  const episodes = new HashedFile(partial(EPISODES_FILE));
  const written: string[] = [episodes.file];
  try {
    fs.mkdirSync(parts, { mode: 0o750 });
    await episodes.write(csvLine(EPISODE_EXTRACT_COLUMNS));
    const pseudonymKey = new Uint8Array(options.pseudonymKey);
    const registry = await loadSiteRegistry(store);
    let sites: SiteRegistry = registry;
    const { summary, parts: results } = await replayOutcomes(store, asOf, {
      sitesAt: (knownAt) => (sites = siteRegistryKnownAt(registry, knownAt)),
      siteId: options.siteId,
      threads: options.threads,
      onProgress: options.onProgress,
      sink: (part) => ({ kind: 'extract', file: path.join(parts, `${String(part).padStart(5, '0')}.csv`), pseudonymKey }),
    });
    const codeLists = new Set<string>();
    for (const result of results) {
      if (result.kind !== 'extract') continue;
      await episodes.append(result.file);
      for (const list of result.codeLists) codeLists.add(list);
    }
    fs.rmSync(parts, { recursive: true, force: true });
    const episodesSha256 = await episodes.close();
    const { participants: _participants, episodes: _episodes, ...basis } = replayBasis(summary, options.siteId);
    if (summary.records === 0 && !options.allowEmpty) throw new EmptyExtractError(basis.asOf, basis.eventsRead);
    const manifest: ExtractManifest = {
      dataset: EPISODE_EXTRACT_FORMAT,
      ...basis,
      rows: summary.records,
      files: [{ name: EPISODES_FILE, bytes: episodes.bytes, sha256: episodesSha256, columns: EPISODE_EXTRACT_COLUMNS }],
      codeListVersions: [...codeLists].sort(),
      followUpSchedule: DEFAULT_SITE_SCHEDULE,
      siteConfigurations: manifestSites(sites),
      pseudonymKeyFingerprint: pseudonymKeyFingerprint(options.pseudonymKey),
      definitions: EXTRACT_DEFINITIONS,
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    written.push(partial(MANIFEST_FILE));
    fs.writeFileSync(partial(MANIFEST_FILE), manifestText, { flag: 'wx', mode: 0o640 });
    await options.beforePublish?.(manifest, manifestSha256);
    for (const name of [EPISODES_FILE, MANIFEST_FILE]) fs.renameSync(partial(name), path.join(options.outDir, name));
    return { manifest, manifestSha256, directory: options.outDir, seconds: summary.seconds, eventsPerSecond: summary.eventsPerSecond };
  } catch (error) {
    episodes.abandon();
    for (const file of written) fs.rmSync(file, { force: true });
    fs.rmSync(parts, { recursive: true, force: true });
    if (created !== undefined) fs.rmSync(created, { recursive: true, force: true });
    throw error;
  }
};
