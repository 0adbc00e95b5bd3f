import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false };

/**
 * Query strings and path parameters arrive as text, so they are coerced to the
 * schema's types ("7" → 7, one value → a list). JSON bodies are not: there a
 * wrong type is the client's mistake to hear about, and coercion would turn
 * 0 into null or "" into 0 without a word.
 */
const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
const exact = addFormats.default(new Ajv({ ...common, coerceTypes: false }));

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? exact : coercing;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
};

/** For schemas that only document: the handler checks the input itself, with more specific messages. */
export const documentOnly: FastifySchemaCompiler<FastifySchema> = () => () => true;

// NUL can never be stored in PostgreSQL text, and other control characters
// (except tab and line breaks) have no place in what people type.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The path of the first string in `value` that holds a control character, or undefined. */
export function findControlCharacters(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return controlCharacters.test(value) ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findControlCharacters(item, path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const name = path ? `${path}.${key}` : key;
      if (controlCharacters.test(key)) return name;
      const found = findControlCharacters(item, name);
      if (found) return found;
    }
  }
  return undefined;
}
