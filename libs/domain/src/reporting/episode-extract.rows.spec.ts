import { londonMidnightOf } from '../calendar/uk-local-time.calendar';
import { PARTICIPANT_ID, started } from '../../testing/journey.fixtures';
import { csvLine, EPISODE_EXTRACT_COLUMNS, episodeExtractRow } from './episode-extract.rows';
import { at12Weeks, recordOf } from '../../testing/reporting.fixtures';
import { curveGroupOf, survivalCurve } from './survival-curves.report';
import { timeToWorkOf } from './time-to-work.report';

const AS_OF = '2025-09-09T12:00:00.000Z';

describe('episode extract rows', () => {
  const record = recordOf([...started(), at12Weeks('returned-to-work')], { asOf: AS_OF });
  const observation = timeToWorkOf(record, AS_OF);
  const row = episodeExtractRow(record, 'pseudo-1', observation);
  const cell = (column: string) => row[EPISODE_EXTRACT_COLUMNS.indexOf(column)];

  it('fills one cell per column, under the pseudonym, with London dates and codes', () => {
    expect(row).toHaveLength(EPISODE_EXTRACT_COLUMNS.length);
    expect(new Set(EPISODE_EXTRACT_COLUMNS).size).toBe(EPISODE_EXTRACT_COLUMNS.length);
    expect(cell('pseudonym')).toBe('pseudo-1');
    expect(cell('start_date')).toBe('2025-03-13');
    expect(cell('checkpoint_12_weeks_status')).toBe('returned-to-work');
    expect(cell('checkpoint_6_months_status')).toBeNull();
    expect(cell('first_work_outcome_kind')).toBe('in-work');
    expect(cell('time_to_work_end')).toBe('event');
    expect(cell('time_to_work_days')).toBe(observation!.time);
    expect(JSON.stringify(row)).not.toContain(PARTICIPANT_ID);
  });

  it('writes RFC 4180 lines: empty for nothing, quotes only where needed', () => {
    expect(csvLine(['a', 1, true, null, 'x,y', 'say "hi"', 'two\nlines'])).toBe('a,1,true,,"x,y","say ""hi""","two\nlines"\r\n');
    expect(csvLine(row)).toBe(csvLine(episodeExtractRow(record, 'pseudo-1', observation)));
  });
});

describe('survival curves by group', () => {
  it('groups by start month, site, source or barrier, and fits both estimators to each', () => {
    const record = recordOf(started(), { asOf: AS_OF });
    const observation = timeToWorkOf(record, AS_OF)!;
    expect(['all', 'cohort', 'site', 'source', 'barrier'].map((by) => curveGroupOf(observation, by as never))).toEqual([
      'all',
      '2025-03',
      record.siteId,
      record.referralSource,
      record.primaryHealthBarrier ?? 'not-assessed',
    ]);
    const curve = survivalCurve('g', [
      { time: 2, cause: 'event' },
      { time: 3, cause: 'competing' },
      { time: 4, cause: 'censored' },
    ]);
    expect(curve.starts).toBe(3);
    // Kaplan-Meier censors the competing exit; the cumulative incidence does not.
    expect(curve.kaplanMeier.map((s) => s.survival)).toEqual([2 / 3, 2 / 3, 2 / 3]);
    expect(curve.cumulativeIncidence.map((s) => [s.eventIncidence, s.competingIncidence])).toEqual([
      [1 / 3, 0],
      [1 / 3, 1 / 3],
      [1 / 3, 1 / 3],
    ]);
  });
});

describe('londonMidnightOf', () => {
  it('is 23:00 UTC the day before in summer time, midnight UTC in winter and on both change days', () => {
    expect(londonMidnightOf('2025-07-01')).toBe('2025-06-30T23:00:00.000Z');
    expect(londonMidnightOf('2025-01-01')).toBe('2025-01-01T00:00:00.000Z');
    expect(londonMidnightOf('2025-03-30')).toBe('2025-03-30T00:00:00.000Z');
    expect(londonMidnightOf('2025-10-26')).toBe('2025-10-25T23:00:00.000Z');
  });
});
