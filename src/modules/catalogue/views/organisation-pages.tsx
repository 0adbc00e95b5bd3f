import { DataTable } from '../../../web/components/table.js';
import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import type { Location, Organisation, Theme } from '../db/schema.js';
import type { FormValues } from '../forms.js';
import { sectors } from '../vocabulary.js';
import { ActionButton, ManageForm, ManageLayout, SelectField, SingleCheckbox, TextArea, TextField, type ManageContext } from './manage-components.js';

function ButtonLink({ href, children, primary }: { href: string; children: string; primary?: boolean }) {
  return (
    <a class={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${primary ? 'primary' : 'secondary'}-action`} href={href}>
      {children}
    </a>
  );
}

function ActiveTag({ locale, status }: { locale: ManageContext['locale']; status: 'active' | 'archived' }) {
  return <span class={`tag status-tag status-tag--${status}`}>{t(locale, status === 'active' ? 'manage.active' : 'manage.archived')}</span>;
}

export function OrganisationListPage(props: { ctx: ManageContext; organisations: Array<Organisation & { locationCount: number }>; canCreate: boolean; notice?: string | undefined }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageLayout ctx={ctx} title={t(locale, 'organisations.title')} current="organisations" notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'organisations.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'organisations.intro')}</p>
      {props.canCreate && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${basePath}/beheer/organisaties/nieuw`} primary>
            {t(locale, 'organisations.new')}
          </ButtonLink>
        </p>
      )}
      {props.organisations.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'organisations.empty')}</p>
      ) : (
        <DataTable
          class="manage-table"
          rowHeaders
          headers={[t(locale, 'organisations.column.name'), t(locale, 'organisations.column.sector'), t(locale, 'organisations.column.locations'), t(locale, 'manage.status')]}
          rows={props.organisations.map((o) => [
            <a class="utrecht-link" href={`${basePath}/beheer/organisaties/${o.id}`}>
              {o.name}
            </a>,
            t(locale, `sector.${o.sector}` as MessageKey),
            o.locationCount,
            <ActiveTag locale={locale} status={o.status} />,
          ])}
        />
      )}
    </ManageLayout>
  );
}

export interface OrganisationPageProps {
  ctx: ManageContext;
  /** Undefined: the form for a new organisation. */
  organisation?: Organisation | undefined;
  locations: Location[];
  raw: FormValues;
  problems: FieldProblem[];
  allowed: { update: boolean; archive: boolean; addLocation: boolean; changeLocations: boolean };
  notice?: string | undefined;
}

/** An organisation's details (a form when the person may change them) and its locations. */
export function OrganisationPage(props: OrganisationPageProps) {
  const { ctx, organisation: org, raw, problems, allowed } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = org ? org.name : t(locale, 'organisations.newTitle');
  const active = !org || org.status === 'active';
  return (
    <ManageLayout ctx={ctx} title={title} current="organisations" notice={props.notice}>
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}/beheer/organisaties`}>
          {t(locale, 'organisations.title')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      {!active && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'organisations.archivedNote')}</p>
        </Alert>
      )}
      {active && allowed.update && (
        <section aria-labelledby="org-gegevens">
          {org && (
            <h2 class="utrecht-heading-2" id="org-gegevens">
              {t(locale, 'organisations.details')}
            </h2>
          )}
          <ManageForm
            ctx={ctx}
            action={org ? `${basePath}/beheer/organisaties/${org.id}` : `${basePath}/beheer/organisaties/nieuw`}
            problems={problems}
            submit={t(locale, 'manage.save')}
            cancelHref={`${basePath}/beheer/organisaties`}
          >
            <TextField {...f} name="name" label={t(locale, 'form.organisation.name')} maxLength={200} />
            <SelectField {...f} name="sector" label={t(locale, 'form.organisation.sector')} options={sectors.map((s) => ({ value: s, label: t(locale, `sector.${s}`) }))} />
            <TextArea {...f} name="description" label={t(locale, 'form.organisation.description')} optional rows={4} />
            <TextField {...f} name="website" type="url" label={t(locale, 'form.organisation.website')} optional autocomplete="url" />
            <TextField {...f} name="email" type="email" label={t(locale, 'form.organisation.email')} optional autocomplete="email" />
            <TextField {...f} name="phone" type="tel" label={t(locale, 'form.organisation.phone')} optional autocomplete="tel" />
          </ManageForm>
        </section>
      )}
      {org && active && allowed.archive && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/organisaties/${org.id}/archiveren`} label={t(locale, 'manage.archive')} describedBy="org-archiveren-uitleg" />
          <p class="utrecht-paragraph hint" id="org-archiveren-uitleg">
            {t(locale, 'organisations.archiveHint')}
          </p>
        </div>
      )}
      {org && (
        <section aria-labelledby="locaties">
          <h2 class="utrecht-heading-2" id="locaties">
            {t(locale, 'locations.title')}
          </h2>
          {props.locations.length === 0 ? (
            <p class="utrecht-paragraph">{t(locale, 'locations.empty')}</p>
          ) : (
            <DataTable
              class="manage-table"
              rowHeaders
              headers={[t(locale, 'organisations.column.name'), t(locale, 'locations.column.address'), t(locale, 'manage.status')]}
              rows={props.locations.map((l) => [
                allowed.changeLocations && l.status === 'active' && active ? (
                  <a class="utrecht-link" href={`${basePath}/beheer/locaties/${l.id}`}>
                    {l.name}
                  </a>
                ) : (
                  l.name
                ),
                [l.street, [l.postcode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
                <ActiveTag locale={locale} status={l.status} />,
              ])}
            />
          )}
          {allowed.addLocation && active && (
            <p class="utrecht-paragraph">
              <ButtonLink href={`${basePath}/beheer/organisaties/${org.id}/locaties/nieuw`}>{t(locale, 'locations.new')}</ButtonLink>
            </p>
          )}
        </section>
      )}
    </ManageLayout>
  );
}

export function LocationFormPage(props: {
  ctx: ManageContext;
  organisation: Organisation;
  location?: Location | undefined;
  neighbourhoods: Array<{ id: number; name: string }>;
  raw: FormValues;
  problems: FieldProblem[];
  canArchive: boolean;
}) {
  const { ctx, organisation: org, location, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = location ? t(locale, 'locations.editTitle', { name: location.name }) : t(locale, 'locations.newTitle', { organisation: org.name });
  return (
    <ManageLayout ctx={ctx} title={title} current="organisations">
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}/beheer/organisaties/${org.id}`}>
          {org.name}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm
        ctx={ctx}
        action={location ? `${basePath}/beheer/locaties/${location.id}` : `${basePath}/beheer/organisaties/${org.id}/locaties/nieuw`}
        problems={problems}
        submit={t(locale, 'manage.save')}
        cancelHref={`${basePath}/beheer/organisaties/${org.id}`}
      >
        <TextField {...f} name="name" label={t(locale, 'form.location.name')} maxLength={200} />
        <TextField {...f} name="street" label={t(locale, 'form.location.street')} optional maxLength={200} autocomplete="street-address" />
        <TextField {...f} name="postcode" label={t(locale, 'form.location.postcode')} optional size={8} autocomplete="postal-code" />
        <TextField {...f} name="city" label={t(locale, 'form.location.city')} optional maxLength={100} autocomplete="address-level2" />
        <fieldset class="utrecht-form-fieldset form-section" aria-describedby="hint-coordinaten">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.location.coordinates')}</legend>
          <p class="utrecht-form-field-description" id="hint-coordinaten">
            {t(locale, 'form.location.coordinatesHint')}
          </p>
          <TextField {...f} name="lat" label={t(locale, 'form.location.lat')} inputMode="decimal" size={12} />
          <TextField {...f} name="lng" label={t(locale, 'form.location.lng')} inputMode="decimal" size={12} />
        </fieldset>
        {props.neighbourhoods.length > 0 && (
          <SelectField {...f} name="neighbourhoodId" label={t(locale, 'form.location.neighbourhood')} optional empty="" options={props.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))} />
        )}
        <SingleCheckbox {...f} name="isSchool" label={t(locale, 'form.location.isSchool')} />
      </ManageForm>
      {location && props.canArchive && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/locaties/${location.id}/archiveren`} label={t(locale, 'manage.archive')} />
        </div>
      )}
    </ManageLayout>
  );
}

export function ThemeListPage(props: { ctx: ManageContext; themes: Array<Theme & { activityCount: number }>; notice?: string | undefined }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageLayout ctx={ctx} title={t(locale, 'themes.title')} current="themes" notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'themes.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'themes.intro')}</p>
      <p class="utrecht-paragraph">
        <ButtonLink href={`${basePath}/beheer/themas/nieuw`} primary>
          {t(locale, 'themes.new')}
        </ButtonLink>
      </p>
      <DataTable
        class="manage-table"
        rowHeaders
        headers={[t(locale, 'themes.column.name'), t(locale, 'themes.column.slug'), t(locale, 'themes.column.position'), t(locale, 'themes.column.activities'), t(locale, 'manage.status')]}
        rows={props.themes.map((th) => [
          th.status === 'active' ? (
            <a class="utrecht-link" href={`${basePath}/beheer/themas/${th.id}`}>
              {th.name}
            </a>
          ) : (
            th.name
          ),
          th.slug,
          th.position,
          th.activityCount,
          <ActiveTag locale={locale} status={th.status} />,
        ])}
      />
    </ManageLayout>
  );
}

export function ThemeFormPage(props: { ctx: ManageContext; theme?: Theme | undefined; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, theme, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = theme ? t(locale, 'themes.editTitle', { name: theme.name }) : t(locale, 'themes.newTitle');
  return (
    <ManageLayout ctx={ctx} title={title} current="themes">
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}/beheer/themas`}>
          {t(locale, 'themes.title')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm
        ctx={ctx}
        action={theme ? `${basePath}/beheer/themas/${theme.id}` : `${basePath}/beheer/themas/nieuw`}
        problems={problems}
        submit={t(locale, 'manage.save')}
        cancelHref={`${basePath}/beheer/themas`}
      >
        {!theme && <TextField {...f} name="slug" label={t(locale, 'form.theme.slug')} hint={t(locale, 'form.theme.slugHint')} maxLength={60} />}
        <TextField {...f} name="name" label={t(locale, 'form.theme.name')} maxLength={100} />
        <TextArea {...f} name="description" label={t(locale, 'form.theme.description')} optional rows={3} />
        <TextField {...f} name="position" label={t(locale, 'form.theme.position')} hint={t(locale, 'form.theme.positionHint')} inputMode="numeric" size={5} optional />
      </ManageForm>
      {theme && theme.status === 'active' && (
        <div class="button-row">
          <ActionButton ctx={ctx} action={`${basePath}/beheer/themas/${theme.id}/archiveren`} label={t(locale, 'manage.archive')} />
        </div>
      )}
    </ManageLayout>
  );
}
