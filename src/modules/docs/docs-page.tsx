import { t, type Locale } from '../../web/i18n/index.js';
import { Layout } from '../../web/layout.js';

interface SchemaLike {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaLike>;
  required?: string[];
  items?: SchemaLike;
  anyOf?: SchemaLike[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: SchemaLike }>;
  requestBody?: { content?: Record<string, { schema?: SchemaLike }> };
  responses?: Record<string, { description?: string }>;
}
export interface OpenApiDoc {
  info: { title: string; description?: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

function typeOf(s: SchemaLike | undefined): string {
  if (!s) return '';
  if (s.enum) return s.enum.map(String).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' of ');
  if (s.type === 'array') return `lijst van ${typeOf(s.items)}`;
  const limits = [s.minimum !== undefined && `≥ ${s.minimum}`, s.maximum !== undefined && `≤ ${s.maximum}`, s.maxLength !== undefined && `≤ ${s.maxLength} tekens`].filter(Boolean);
  return `${Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'object')}${limits.length ? ` (${limits.join(', ')})` : ''}`;
}

/**
 * A readable page made from the same OpenAPI document that tools read, so
 * the two can never disagree. Grouped by tag, one table per operation.
 */
export function DocsPage({ locale, doc }: { locale: Locale; doc: OpenApiDoc }) {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Overig'))];
  const anchor = (method: string, path: string) => `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <Layout title={t(locale, 'docs.title')} locale={locale}>
      <h1 class="utrecht-heading-1">{doc.info.title}</h1>
      <p class="utrecht-paragraph">{doc.info.description}</p>
      <p class="utrecht-paragraph">{t(locale, 'docs.intro')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/api/docs/openapi.json">
          {t(locale, 'docs.openapi')}
        </a>
      </p>
      <nav aria-labelledby="docs-inhoud">
        <h2 class="utrecht-heading-2" id="docs-inhoud">
          {t(locale, 'docs.contents')}
        </h2>
        <ul class="utrecht-unordered-list">
          {operations.map(({ path, method, op }) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#${anchor(method, path)}`}>
                <code>{method} {path}</code>
              </a>
              {op.summary && ` ${op.summary}`}
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section aria-labelledby={`tag-${anchor('tag', tag)}`}>
          <h2 class="utrecht-heading-2" id={`tag-${anchor('tag', tag)}`}>
            {tag}
          </h2>
          {operations
            .filter((o) => (o.op.tags?.[0] ?? 'Overig') === tag)
            .map(({ path, method, op }) => {
              const body = op.requestBody?.content?.['application/json']?.schema;
              return (
                <article class="api-operation" id={anchor(method, path)}>
                  <h3 class="utrecht-heading-3">
                    <code>
                      {method} {path}
                    </code>
                  </h3>
                  {op.summary && <p class="utrecht-paragraph">{op.summary}</p>}
                  {op.description && <p class="utrecht-paragraph">{op.description}</p>}
                  {op.security && <p class="utrecht-paragraph">{t(locale, 'docs.needsToken')}</p>}
                  {(op.parameters?.length ?? 0) > 0 && (
                    <table class="utrecht-table">
                      <caption class="utrecht-table__caption">{t(locale, 'docs.parameters')}</caption>
                      <thead class="utrecht-table__header">
                        <tr class="utrecht-table__row">
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.name')}</th>
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.in')}</th>
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.type')}</th>
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.description')}</th>
                        </tr>
                      </thead>
                      <tbody class="utrecht-table__body">
                        {op.parameters!.map((p) => (
                          <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell"><code>{p.name}</code>{p.required ? ' *' : ''}</td>
                            <td class="utrecht-table__cell">{p.in}</td>
                            <td class="utrecht-table__cell">{typeOf(p.schema)}</td>
                            <td class="utrecht-table__cell">{p.description ?? p.schema?.description ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {body?.properties && (
                    <table class="utrecht-table">
                      <caption class="utrecht-table__caption">{t(locale, 'docs.body')}</caption>
                      <thead class="utrecht-table__header">
                        <tr class="utrecht-table__row">
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.field')}</th>
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.type')}</th>
                          <th class="utrecht-table__header-cell" scope="col">{t(locale, 'docs.description')}</th>
                        </tr>
                      </thead>
                      <tbody class="utrecht-table__body">
                        {Object.entries(body.properties).map(([name, s]) => (
                          <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell"><code>{name}</code>{body.required?.includes(name) ? ' *' : ''}</td>
                            <td class="utrecht-table__cell">{typeOf(s)}</td>
                            <td class="utrecht-table__cell">{s.description ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <p class="utrecht-paragraph">
                    {t(locale, 'docs.responses')}: {Object.keys(op.responses ?? {}).join(', ')}
                  </p>
                </article>
              );
            })}
        </section>
      ))}
    </Layout>
  );
}
