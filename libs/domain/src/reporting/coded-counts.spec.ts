import { add, codedEntries, codeOf, mergeCodedCounts, newCodedCounts, newCodeTable } from './coded-counts';

describe('coded counts', () => {
  const byValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const counted = (values: string[]) => {
    const table = newCodeTable();
    const counts = newCodedCounts();
    for (const value of values) add(counts, table, codeOf(table, value), value.length % 2, 1);
    return { table, counts };
  };

  it('counts each value under its code, and lists only the values it has seen', () => {
    const table = newCodeTable();
    codeOf(table, 'never-counted');
    const counts = newCodedCounts();
    add(counts, table, codeOf(table, 'b'), 1, 1);
    add(counts, table, codeOf(table, 'a'), 0, 1);
    add(counts, table, codeOf(table, 'b'), 1, 1);
    expect(codedEntries(counts).sort(byValue)).toEqual([
      { value: 'a', count: 0, of: 1 },
      { value: 'b', count: 2, of: 2 },
    ]);
  });

  it('adds counts made in another thread, whose codes differ, as if they had been counted here', () => {
    const here = counted(['x', 'yy', 'x', 'zzz']);
    // Another thread met the values in another order, so its codes differ; it reaches us as a structured clone.
    const there = structuredClone(counted(['zzz', 'wwww', 'yy', 'yy']).counts);
    mergeCodedCounts(here.counts, there, here.table);
    const all = counted(['x', 'yy', 'x', 'zzz', 'zzz', 'wwww', 'yy', 'yy']);
    expect(codedEntries(here.counts).sort(byValue)).toEqual(codedEntries(all.counts).sort(byValue));
  });

  it('recodes a clone from another thread before adding to it by this thread’s codes', () => {
    const here = counted(['x', 'yy']);
    const arrived = structuredClone(counted(['yy', 'zzz', 'x']).counts);
    add(arrived, here.table, codeOf(here.table, 'x'), 1, 1);
    expect(codedEntries(arrived).sort(byValue)).toEqual([
      { value: 'x', count: 2, of: 2 },
      { value: 'yy', count: 0, of: 1 },
      { value: 'zzz', count: 1, of: 1 },
    ]);
  });
});
