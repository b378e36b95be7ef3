/** Makes a `switch` over a union exhaustive: adding a member without handling it fails to compile. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
