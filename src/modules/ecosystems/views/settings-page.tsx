import type { ManageLink } from '../../../core/modules.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { Ecosystem } from '../db/schema.js';
import { Alert } from '../../../web/components/alert.js';
import { CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import type { SettingsInput } from '../commands/settings-updater.js';

export interface SettingsPageProps {
  /** The management pages this person may open, for the menu. */
  manageLinks: ManageLink[];
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  form: SettingsInput;
  problems: FieldProblem[];
  saved: boolean;
}

/** The coordinator's settings: the ecosystem's name, logo, colour and map tiles. */
export function SettingsPage(props: SettingsPageProps) {
  const { locale, form, problems } = props;
  return (
    <ManageFrame ctx={{ locale, ecosystem: props.ecosystem, basePath: props.basePath, links: props.manageLinks }} title={t(locale, 'settings.title')} current="/beheer/instellingen">
      <h1 class="utrecht-heading-1">{t(locale, 'settings.title')}</h1>
      <ErrorSummary problems={problems} locale={locale} />
      {props.saved && (
        <Alert type="ok" role="status">
          <p class="utrecht-paragraph">{t(locale, 'settings.saved')}</p>
        </Alert>
      )}
      <form class="utrecht-form narrow-form" method="post" action={`${props.basePath}/beheer/instellingen`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField locale={locale} name="name" label={t(locale, 'settings.name')} value={form.name} required maxLength={100} problems={problems} />
        <h2 class="utrecht-heading-2">{t(locale, 'settings.look')}</h2>
        <TextField locale={locale} name="logoUrl" type="url" label={t(locale, 'settings.logoUrl')} hint={t(locale, 'settings.logoUrl.hint')} value={form.logoUrl} maxLength={500} problems={problems} />
        <TextField locale={locale} name="primaryColor" label={t(locale, 'settings.color')} hint={t(locale, 'settings.color.hint')} value={form.primaryColor} maxLength={7} problems={problems} />
        <h2 class="utrecht-heading-2">{t(locale, 'settings.map')}</h2>
        <TextField locale={locale} name="tileUrl" type="url" label={t(locale, 'settings.tileUrl')} hint={t(locale, 'settings.tileUrl.hint')} value={form.tileUrl} maxLength={500} problems={problems} />
        <TextField locale={locale} name="tileAttribution" label={t(locale, 'settings.tileAttribution')} hint={t(locale, 'settings.tileAttribution.hint')} value={form.tileAttribution} maxLength={300} problems={problems} />
        <h2 class="utrecht-heading-2">{t(locale, 'settings.passes')}</h2>
        <TextField
          locale={locale}
          name="passRetentionYears"
          type="number"
          label={t(locale, 'settings.passRetentionYears')}
          hint={t(locale, 'settings.passRetentionYears.hint')}
          value={form.passRetentionYears?.slice(0, 10) ?? ''}
          maxLength={2}
          problems={problems}
        />
        <h2 class="utrecht-heading-2">{t(locale, 'settings.languages')}</h2>
        <p class="utrecht-paragraph">{t(locale, 'settings.languages.current')}</p>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'form.save')}
        </button>
      </form>
    </ManageFrame>
  );
}
