import type { Breakdown, EvaluationRow, Ratio, RowLevel } from '@workwell/domain';

export const AS_OF = '2025-01-15T09:30:00.000Z';
export const LAST_POSITION = 4242;

const ratio = (count: number, of: number): Ratio => ({ count, of, rate: of === 0 ? null : count / of });

export interface RowFigures {
  readonly referrals: number;
  readonly starts: number;
  readonly startTarget: number | null;
  readonly breakdowns?: readonly Breakdown[];
  readonly wellbeing?: EvaluationRow['wellbeing'];
}

/** A row as the evaluation report makes it, with only the figures the return reads filled in. */
export const evaluationRow = (
  level: RowLevel,
  siteId: string,
  period: string,
  figures: RowFigures,
  provenance: { readonly asOf?: string; readonly lastPosition?: number } = {},
): EvaluationRow => ({
  siteId,
  level,
  periodKind: period === 'programme-to-date' ? 'programme-to-date' : 'financial-quarter',
  period,
  referrals: {
    total: figures.referrals,
    bySource: {},
    triageDecisions: {},
    employmentStatusAtReferral: {},
    outOfWorkAtReferral: 0,
    primaryHealthBarrier: {},
    ageBand: {},
    sex: {},
    ethnicity: {},
    disability: {},
    imdDecile: {},
    onwardReferralsByService: {},
    withEmployerLiaison: 0,
  },
  starts: figures.starts,
  startTarget: figures.startTarget,
  startsAgainstTarget: figures.startTarget === null ? null : ratio(figures.starts, figures.startTarget),
  conversion: ratio(figures.starts, figures.referrals),
  cohort: {
    starts: figures.starts,
    checkpoints: [],
    sustained: ratio(0, 0),
    anyWorkOutcome: ratio(Math.floor(figures.starts / 3), figures.starts),
  },
  satisfaction: ratio(7, 8),
  followUpResponse: ratio(0, 0),
  firstContactStandard: ratio(figures.referrals - 1, figures.referrals),
  signedPlanStandard: ratio(1, 16),
  breakdowns: figures.breakdowns ?? [],
  wellbeing: figures.wellbeing ?? [],
  suppressedBelow: 5,
  asOf: provenance.asOf ?? AS_OF,
  lastPosition: provenance.lastPosition ?? LAST_POSITION,
});

const SOURCES: Breakdown = {
  measure: 'referrals',
  by: 'referral-source',
  total: ratio(30, 30),
  groups: [
    { value: 'gp, primary care', count: 20, of: 30, rate: 20 / 30, suppressed: false },
    { value: 'occupational-health', count: null, of: null, rate: null, suppressed: true },
    { value: 'self-referral', count: 8, of: 30, rate: 8 / 30, suppressed: false },
  ],
};

/** National, one vanguard and two of its sites, for Q3 24/25 and the programme to date, in no particular order. */
export const returnRows = (): EvaluationRow[] => [
  evaluationRow('site', 'leeds', 'Q3 24/25', { referrals: 30, starts: 12, startTarget: 20, breakdowns: [SOURCES] }),
  evaluationRow('site', 'leeds', 'programme-to-date', { referrals: 90, starts: 40, startTarget: 80 }),
  evaluationRow('national', '*', 'programme-to-date', { referrals: 300, starts: 120, startTarget: 200 }),
  evaluationRow('site', 'bradford', 'Q3 24/25', {
    referrals: 20,
    starts: 9,
    startTarget: null,
    wellbeing: [
      { instrument: 'wemwbs', at: 'baseline', participants: 9, meanScore: 41.25, suppressed: false },
      { instrument: 'wemwbs', at: '12-weeks', participants: null, meanScore: null, suppressed: true },
    ],
  }),
  evaluationRow('vanguard', 'west-yorkshire', 'Q3 24/25', { referrals: 50, starts: 21, startTarget: 20 }),
  evaluationRow('national', '*', 'Q3 24/25', { referrals: 100, starts: 41, startTarget: 60 }),
  evaluationRow('site', 'bradford', 'programme-to-date', { referrals: 60, starts: 25, startTarget: null }),
  evaluationRow('vanguard', 'west-yorkshire', 'programme-to-date', { referrals: 150, starts: 65, startTarget: 80 }),
  evaluationRow('site', 'leeds', 'Q2 24/25', { referrals: 25, starts: 10, startTarget: 20 }),
];
