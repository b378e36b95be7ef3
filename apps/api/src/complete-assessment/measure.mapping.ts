import { INSTRUMENTS, type Measure } from '@workwell/domain';
import { code } from '../http/coding';
import type { MeasureRequest } from './complete-assessment.request';

export const toMeasure = (measure: MeasureRequest): Measure => ({
  instrument: code(INSTRUMENTS, measure.instrument),
  instrumentVersion: measure.instrumentVersion,
  items: [...measure.items],
  score: measure.score ?? null,
});
