/**
 * Small io-ts codecs whose names read as the end of an error message: "`batchSize` must be *a positive integer*".
 */
import * as t from 'io-ts';

function refined<A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> {
  return new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity);
}

export const PositiveInt = refined(
  'a positive integer',
  (u): u is number => Number.isSafeInteger(u) && (u as number) > 0,
);
export const NonNegativeInt = refined(
  'a non-negative integer',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
);
export const PositiveNumber = refined(
  'a positive finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
);
export const NonNegativeNumber = refined(
  'a non-negative finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
);
export const UnitInterval = refined('a number in [0, 1)', (u): u is number => typeof u === 'number' && u >= 0 && u < 1);
export const Fraction = refined('a number in [0, 1]', (u): u is number => typeof u === 'number' && u >= 0 && u <= 1);
export const Hash256 = refined(
  'a 0x-prefixed 32-byte hex hash',
  (u): u is string => typeof u === 'string' && /^0x[0-9a-f]{64}$/.test(u),
);
export const PositiveIntList = refined(
  'a non-empty list of positive integers',
  (u): u is number[] => Array.isArray(u) && u.length > 0 && u.every((v) => Number.isSafeInteger(v) && v > 0),
);

/** A literal-union codec named after its choices: "must be one of sgd, momentum, adam". */
export function oneOf<const L extends readonly string[]>(values: L): t.Type<L[number], L[number], unknown> {
  return refined(`one of ${values.join(', ')}`, (u): u is L[number] => typeof u === 'string' && values.includes(u));
}

/**
 * A union discriminated by a string field: picks the member by the tag, then reports that member's errors only
 * (io-ts's plain union would report every member's, which reads as noise).
 */
export function tagged<M extends Record<string, t.Mixed>>(
  tag: string,
  members: M,
): t.Type<t.TypeOf<M[keyof M]>, unknown, unknown> {
  const choices = Object.keys(members);
  const tagCodec = oneOf(choices);
  return new t.Type<t.TypeOf<M[keyof M]>, unknown, unknown>(
    `an object with ${tag} one of ${choices.join(', ')}`,
    (u): u is t.TypeOf<M[keyof M]> => choices.some((k) => (members[k] as t.Mixed).is(u)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c);
      const value = (u as Record<string, unknown>)[tag];
      if (typeof value !== 'string' || !choices.includes(value)) {
        return t.failure(value, [...c, { key: tag, type: tagCodec, actual: value }]);
      }
      const member = members[value] as t.Mixed;
      // Stand the member in for this codec in the context, so its own structure (e.g. an intersection) is known.
      const last = c[c.length - 1];
      const context = last === undefined ? c : [...c.slice(0, -1), { key: last.key, type: member, actual: u }];
      return member.validate(u, context);
    },
    t.identity,
  );
}

/** Formats io-ts errors as `path must be <codec name>` lines, e.g. `model.layers[2].units must be a positive integer`. */
export function describeErrors(errors: t.Errors): string[] {
  const lines = errors.map((error) => {
    let path = '';
    error.context.forEach((entry, i) => {
      if (i === 0 || entry.key === '') return;
      const parent = error.context[i - 1]?.type as { _tag?: string } | undefined;
      if (parent?._tag === 'UnionType' || parent?._tag === 'IntersectionType') return;
      path += parent?._tag === 'ArrayType' ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`;
    });
    const last = error.context[error.context.length - 1];
    const expected = last?.type.name ?? 'valid';
    return `${path === '' ? 'the value' : path} must be ${expected}`;
  });
  return [...new Set(lines)];
}
