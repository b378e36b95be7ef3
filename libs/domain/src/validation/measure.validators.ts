import { INSTRUMENTS } from '../code-lists/support.code-lists';
import type { Instrument, Measure } from '../journey/support.events';
import { array, coded, fail, identifier, number, object, refine, type Validator } from './field.validators';

interface InstrumentShape {
  readonly items: number;
  readonly itemRange: readonly [number, number];
  /** Null when the instrument has no single score. */
  readonly scoreRange: readonly [number, number] | null;
}

/** Published ranges: SWEMWBS 7-35, WEMWBS 14-70, ONS4 items 0-10, EQ-5D-5L levels 1-5 with a 0-100 VAS as its score. */
export const INSTRUMENT_SHAPES: Readonly<Record<Instrument, InstrumentShape>> = {
  swemwbs: { items: 7, itemRange: [1, 5], scoreRange: [7, 35] },
  wemwbs: { items: 14, itemRange: [1, 5], scoreRange: [14, 70] },
  ons4: { items: 4, itemRange: [0, 10], scoreRange: null },
  'eq-5d-5l': { items: 5, itemRange: [1, 5], scoreRange: [0, 100] },
};

const anyNumber = (value: unknown, path: string, context: Parameters<Validator>[2]) => number(-1e6, 1e6)(value, path, context);

export const measure: Validator = refine<Measure>(
  object({
    instrument: coded(INSTRUMENTS),
    instrumentVersion: identifier,
    items: array(anyNumber, { min: 1, max: 20 }),
    score: (value, path, context) => value === null || anyNumber(value, path, context),
  }),
  (value, path, context) => {
    const shape = INSTRUMENT_SHAPES[value.instrument.code];
    if (value.items.length !== shape.items)
      fail(context, `${path}.items`, `must hold the ${shape.items} answers of ${value.instrument.code}`);
    const [low, high] = shape.itemRange;
    value.items.forEach((item, index) => {
      if (!Number.isInteger(item) || item < low || item > high)
        fail(context, `${path}.items.${index}`, `must be a whole number from ${low} to ${high}`);
    });
    if (shape.scoreRange === null) {
      if (value.score !== null) fail(context, `${path}.score`, `must be null: ${value.instrument.code} has no single score`);
    } else {
      const [min, max] = shape.scoreRange;
      if (value.score === null || value.score < min || value.score > max)
        fail(context, `${path}.score`, `must be from ${min} to ${max} for ${value.instrument.code}`);
    }
  },
);
