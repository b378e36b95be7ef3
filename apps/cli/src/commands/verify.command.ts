import { participantStreamId } from '@workwell/domain';
import { verifyStreams, type StreamProblem } from '@workwell/event-store';
import type { CliCommand } from '../command';
import { withEngine } from '../engine-session';
import { endProgress, progressLine } from '../progress';

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Walk the hash chain of every stream and report the first altered, missing or reordered event of each.',
  usage: '[--site <site>]',
  help: 'Exits 0 when every chain is whole, 1 when anything was found (each finding names the stream and the event version).\nWith --site, only the participants of that site (as the caseload read model knows them).',
  options: {
    site: { type: 'string', value: '<site>', description: 'Only the participants of this site (as the caseload read model knows them).' },
  },
  run: async (parsed) => {
    const site = parsed.values.site as string | undefined;
    return withEngine(async ({ pool, eventStore }) => {
      const prefixes = site
        ? (
            await pool.query<{ participant_id: string }>('SELECT participant_id FROM caseload WHERE site_id = $1 ORDER BY participant_id', [
              site,
            ])
          ).rows.map((r) => participantStreamId(r.participant_id))
        : [''];
      const problems: StreamProblem[] = [];
      let streams = 0;
      let events = 0;
      const started = performance.now();
      for (const streamPrefix of prefixes) {
        const report = await verifyStreams(eventStore, {
          streamPrefix,
          onProgress: (p) =>
            progressLine(
              `verified ${(events + p.events).toLocaleString('en-GB')} events in ${(streams + p.streams).toLocaleString('en-GB')} streams, ${p.eventsPerSecond.toLocaleString('en-GB')} events/s`,
            ),
        });
        problems.push(...report.problems);
        streams += report.streams;
        events += report.events;
      }
      endProgress();
      const seconds = (performance.now() - started) / 1000;
      for (const problem of problems)
        process.stderr.write(`${problem.kind}: stream ${problem.streamId}, event version ${problem.version}: ${problem.detail}\n`);
      process.stdout.write(
        `${JSON.stringify({ ok: problems.length === 0, site: site ?? null, streams, events, eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)), problems })}\n`,
      );
      return problems.length === 0 ? 0 : 1;
    });
  },
};
