import type { ComponentChildren } from 'preact';
import type { ManageLink } from '../../core/modules.js';
import type { Ecosystem } from '../../modules/ecosystems/db/schema.js';
import type { Locale } from '../i18n/index.js';
import { Layout } from '../layout.js';
import { Alert } from './alert.js';
import { ManageNav } from './manage-nav.js';

/** What the frame of a management page needs from its route. */
export interface ManageFrameContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  /** The management pages this person may open, for the menu. */
  links: ManageLink[];
}

/**
 * The frame of every management page: the site layout, the management menu
 * (with the current page marked), and the notice after a change.
 */
export function ManageFrame(props: { ctx: ManageFrameContext; title: string; current?: string | undefined; notice?: string | undefined; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <Layout title={props.title} locale={ctx.locale} ecosystem={ctx.ecosystem} basePath={ctx.basePath}>
      <ManageNav locale={ctx.locale} basePath={ctx.basePath} links={ctx.links} current={props.current} />
      {props.notice && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{props.notice}</p>
        </Alert>
      )}
      {props.children}
    </Layout>
  );
}
