/**
 * Loads one of our compiled CommonJS modules on demand. Node's import() sees only the exports
 * it can find by static analysis of the compiled file; `default` always holds all of them.
 */
export const lazy = async <T>(load: () => Promise<T>): Promise<T> => {
  const loaded = (await load()) as T & { default?: T };
  return loaded.default ?? loaded;
};
