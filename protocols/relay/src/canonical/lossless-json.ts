import { MAX_JSON_DEPTH } from '../core/bounded-json.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * A JSON parser that keeps what `JSON.parse` loses and signature checks need (§2.7.4): the exact
 * lexeme of every number (so `1.0` stays a float and 30-digit integers stay exact) and the
 * last-one-wins rule for duplicate keys. Objects become `Map`s so no key can reach a prototype.
 */

/**
 * A number exactly as written in the source text.
 *
 * @example
 * new JsonNumberLexeme('1.0').lexeme; // '1.0'
 */
export class JsonNumberLexeme {
  constructor(readonly lexeme: string) {}
}

/** The parse tree of {@link parseLosslessJson}. */
export type LosslessValue = string | boolean | null | JsonNumberLexeme | LosslessValue[] | LosslessObject;

/** A JSON object of the lossless tree; insertion order is the order of first appearance. */
export type LosslessObject = Map<string, LosslessValue>;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

class ParseFailure extends Error {}

/**
 * Parses RFC 8259 JSON text into a lossless tree. Never throws; the error names the offset.
 *
 * @example
 * const r = parseLosslessJson('{"a":1.0}');
 * // r.value is Map { 'a' => JsonNumberLexeme { lexeme: '1.0' } }
 */
export function parseLosslessJson(text: string): Result<LosslessValue> {
  const parser = new Parser(text);
  try {
    const value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos !== text.length) parser.fail('unexpected text after the JSON value');
    return ok(value);
  } catch (error) {
    if (error instanceof ParseFailure) return err(error.message);
    return err(`JSON text could not be parsed (${String(error)})`);
  }
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new ParseFailure(`${message} at offset ${this.pos}`);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  value(depth: number): LosslessValue {
    if (depth > MAX_JSON_DEPTH) this.fail(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (this.text.startsWith('null', this.pos)) return this.literal('null', null);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail(c === undefined ? 'unexpected end of JSON text' : 'unexpected character');
    this.pos = NUMBER.lastIndex;
    return new JsonNumberLexeme(m[0]);
  }

  literal(word: string, value: boolean | null): boolean | null {
    this.pos += word.length;
    return value;
  }

  string(): string {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code === 0x22) break;
      if (code < 0x20) {
        this.pos = i;
        this.fail('raw control character in string');
      }
      i += code === 0x5c ? 2 : 1;
    }
    this.pos = i + 1;
    try {
      // The slice is a complete, control-free string token; JSON.parse resolves its escapes exactly.
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('invalid escape in string');
    }
  }

  array(depth: number): LosslessValue[] {
    this.pos++;
    const out: LosslessValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or ']' in array");
      }
    }
  }

  object(depth: number): LosslessObject {
    this.pos++;
    const out: LosslessObject = new Map();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key in object');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after object key");
      this.pos++;
      out.set(key, this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') {
        this.pos--;
        this.fail("expected ',' or '}' in object");
      }
    }
  }
}
