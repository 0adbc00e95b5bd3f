import type { FastifyInstance } from 'fastify';

/** A form post as a browser sends it: urlencoded, lists as repeated fields. */
export function formPost(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return { payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** The CSRF token of the signed-in person, read from a page with a form. */
export async function csrfFor(app: FastifyInstance, cookies: Record<string, string>, url: string): Promise<string> {
  const page = await app.inject({ url, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no form on ${url} (${page.statusCode})`);
  return token;
}

/** Signs in person-less: the per-browser form token that the sign-in page hands out, for anonymous posts. */
export async function anonymousCsrf(app: FastifyInstance): Promise<{ cookies: Record<string, string>; csrf: string }> {
  const page = await app.inject({ url: '/inloggen' });
  const cookie = page.cookies.find((c) => c.name === 'lx_formulier')!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  return { cookies: { lx_formulier: cookie.value }, csrf };
}

/** A calendar day (yyyy-mm-dd) some days from now. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
