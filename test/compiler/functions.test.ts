// Built-in expression functions: Python's rounding, checked against its definition on many values.
import test from 'ava';
import fc from 'fast-check';
import { functions, roundHalfEven } from '../../compiler/functions.js';

test('round(x) is Python 3 round: nearest integer, exact halves to the even neighbour', (t) => {
  t.deepEqual([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999999999999996, 2.675, 1e16 + 2, -0].map(roundHalfEven), [0, 2, 2, 4, 0, -2, -2, 2, 3, 1e16 + 2, 0]);
  t.true(Object.is(roundHalfEven(-0.4), 0), 'no negative zero');
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
      const r = roundHalfEven(x);
      const distance = Math.abs(r - x);
      return Number.isInteger(r) && distance <= 0.5 && (distance < 0.5 || r % 2 === 0);
    }),
  );
});

test('every function has usage, doc and an arity; ceil and floor give integers', (t) => {
  for (const f of functions.values()) {
    t.true(f.usage.startsWith(`${f.name}(`) && f.doc.length > 0 && f.minArgs >= 1 && f.maxArgs >= f.minArgs, f.name);
  }
  t.deepEqual(functions.get('ceil')!.apply([-0.5]), { value: 0 });
  t.deepEqual(functions.get('floor')!.apply([2.5]), { value: 2 });
  t.deepEqual(functions.get('max')!.apply([[1, 7, 3]]), { value: 7 });
});
