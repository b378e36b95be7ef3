import type { CodeList } from './code-list.types';
import * as outcome from './outcome.code-lists';
import * as referral from './referral.code-lists';
import * as sharing from './sharing.code-lists';
import * as support from './support.code-lists';

/** Every version of every list the engine has ever accepted: old versions stay so stored values stay valid. */
export const CODE_LISTS: readonly CodeList[] = [
  ...Object.values(referral),
  ...Object.values(support),
  ...Object.values(sharing),
  ...Object.values(outcome),
];

const byListAndVersion = new Map<string, Map<string, { list: CodeList; codes: ReadonlySet<string> }>>();
for (const list of CODE_LISTS) {
  const versions = byListAndVersion.get(list.list) ?? new Map();
  versions.set(list.version, { list, codes: new Set(list.codes) });
  byListAndVersion.set(list.list, versions);
}

export const findCodeList = (list: string, version: string): CodeList | undefined => byListAndVersion.get(list)?.get(version)?.list;

export const versionsOf = (list: string): readonly string[] =>
  CODE_LISTS.filter((candidate) => candidate.list === list).map((candidate) => candidate.version);

export const isCodeIn = (list: string, version: string, code: string): boolean =>
  byListAndVersion.get(list)?.get(version)?.codes.has(code) ?? false;

/** The newest version (versions sort as numbers within text, `2024.1` < `2025.1`): the one new commands should use. */
export const currentCodeList = (list: string): CodeList | undefined =>
  CODE_LISTS.filter((candidate) => candidate.list === list)
    .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }))
    .at(-1);
