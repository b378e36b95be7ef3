import { coded, type Coded, type CodeList, type CodeOf } from '@workwell/domain';

/** The stored form of a code the request DTO has already checked against `list`. */
export const code = <L extends CodeList>(list: L, value: string): Coded<CodeOf<L>> => coded(list, value as CodeOf<L>);

export const codes = <L extends CodeList>(list: L, values: readonly string[] | undefined): Coded<CodeOf<L>>[] =>
  (values ?? []).map((value) => code(list, value));
