/**
 * A copy of `value` that shares no storage with the text it was cut from. V8 keeps substrings
 * (and regular-expression captures) as slices of their parent string: one short name kept in a
 * long-lived index keeps the whole multi-megabyte file it came from alive. A round trip through
 * JSON makes fresh strings everywhere in the value.
 */
export function detached<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T;
}
