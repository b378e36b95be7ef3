/**
 * A versioned code list. Lists change over time (ONS categories, referral routes), so every
 * stored coded value names the list and version it was chosen from and old values stay readable.
 */
export interface CodeList<C extends string = string> {
  readonly list: string;
  readonly version: string;
  readonly codes: readonly C[];
}

/** A coded value as it is stored in an event. */
export interface Coded<C extends string = string> {
  readonly list: string;
  readonly version: string;
  readonly code: C;
}

export type CodeOf<L extends CodeList> = L['codes'][number];

export const defineCodeList = <const C extends string>(list: string, version: string, codes: readonly C[]): CodeList<C> => ({
  list,
  version,
  codes,
});

/** The coded value of `code` in `list`, e.g. `coded(REFERRAL_SOURCES, 'gp')`. */
export const coded = <C extends string>(list: CodeList<C>, code: C): Coded<C> => {
  if (!list.codes.includes(code)) throw new Error(`"${code}" is not in code list ${list.list} ${list.version}`);
  return { list: list.list, version: list.version, code };
};
