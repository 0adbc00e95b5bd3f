import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full page; the doctype cannot be expressed in JSX. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** JSON for a <script type="application/…json"> data block: `<` escaped so content can never close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
