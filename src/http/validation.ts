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
