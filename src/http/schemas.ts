import { Type, type TSchema } from '@sinclair/typebox';

/** A string from a closed list, as a plain JSON Schema `enum` (one clear error instead of one per branch). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Numeriek id' });
export const IdParams = Type.Object({ id: Id });

export const ErrorResponse = Type.Object({
  error: Type.String({ description: 'Stabiele foutcode, bijvoorbeeld invalid_input of not_found' }),
  message: Type.String({ description: 'Uitleg voor mensen, in de taal van Accept-Language' }),
  details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
});

/** Standard error responses to document beside a route's success response. */
export function withErrors(success: Record<number, TSchema>): Record<number, TSchema> {
  return { ...success, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
