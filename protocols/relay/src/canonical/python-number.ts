/**
 * Number output of Python's `json.dumps`, which the canonical form must match byte for byte
 * (§2.7.4 rule 5). Python keeps integers and floats apart by their lexeme, so both functions take
 * the lexeme as written in the JSON text.
 */

const INTEGER = /^-?(?:0|[1-9]\d*)$/;

/**
 * Canonical text of a JSON number lexeme, or `undefined` when Python could not write it back as
 * JSON (a float overflowing to infinity). Integers of any size are copied digit for digit.
 *
 * @example
 * canonicalNumber('1E2');    // '100.0'
 * canonicalNumber('-0');     // '0'
 * canonicalNumber('1.5e-5'); // '1.5e-05'
 */
export function canonicalNumber(lexeme: string): string | undefined {
  if (INTEGER.test(lexeme)) return lexeme === '-0' ? '0' : lexeme;
  const value = Number(lexeme);
  if (!Number.isFinite(value)) return undefined;
  return pythonFloatRepr(value);
}

/**
 * Python's `repr(float)`: the shortest round-trip digits (the same digits as JavaScript's), written
 * positionally with a mandatory fraction when the decimal exponent is in [-4, 16), and otherwise as
 * `d.ddde±XX` with at least two exponent digits.
 *
 * @example
 * pythonFloatRepr(1e16);  // '1e+16'
 * pythonFloatRepr(100);   // '100.0'
 * pythonFloatRepr(-0);    // '-0.0'
 */
export function pythonFloatRepr(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
  const negative = value < 0 || Object.is(value, -0);
  // toExponential() with no argument yields the shortest digits that round-trip.
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  let body: string;
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const intLen = exponent + 1;
      body = digits.length <= intLen ? `${digits.padEnd(intLen, '0')}.0` : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
    } else {
      body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
  } else {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exponent < 0 ? '-' : '+';
    body = `${head}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return negative ? `-${body}` : body;
}
