/**
 * Values derived from the loaded catalogue that do not change per request
 * (course summaries, a lesson's place in its course, titles in a language),
 * computed once per catalogue load (decision 029).
 *
 * The contract: a derived value is keyed by the identity of the object it is
 * derived from — the Catalog that getCatalog() returns, or one of its
 * CatalogCourse objects — through a WeakMap, never held in a module-level
 * variable. Loading the catalogue again (`npm run courses:build` in
 * development, an admin's rebuild in production) gives new objects, so every
 * derived value is computed afresh from them, and the old ones are collected
 * with the catalogue they came from. Those objects are never mutated.
 */
export function derivedCache<Owner extends object, Value>(compute: (owner: Owner, key: string) => Value) {
  const byOwner = new WeakMap<Owner, Map<string, Value>>();
  return (owner: Owner, key: string): Value => {
    let values = byOwner.get(owner);
    if (!values) byOwner.set(owner, (values = new Map()));
    // The keys are a language, or a lesson and a language: bounded by the catalogue itself.
    if (!values.has(key)) values.set(key, compute(owner, key));
    return values.get(key) as Value;
  };
}
