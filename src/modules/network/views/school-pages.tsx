import type { FieldProblem } from '../../../core/errors.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale } from '../../../web/i18n/index.js';
import { Checkboxes, ManageForm, Radios, SelectField, TextField } from '../../catalogue/views/manage-components.js';
import { schoolParticipations, schoolTypes, type SchoolParticipation, type SchoolType } from '../db/schema.js';
import type { FormValues } from '../network-forms.js';
import type { SchoolRow } from '../queries/school-list.js';
import { BackLink, ButtonLink, dayText, NetworkLayout, type ManageContext } from './network-layout.js';
import { Facts } from './network-partner-page.js';

export function typesText(locale: Locale, types: readonly SchoolType[]): string {
  return types.map((type) => t(locale, `school.typeShort.${type}`)).join(', ');
}

export function participationText(locale: Locale, school: Pick<SchoolRow, 'participation' | 'participatingSince'>): string {
  const status = t(locale, `school.participation.${school.participation}`);
  return school.participation === 'participating' && school.participatingSince ? `${status}, ${t(locale, 'schools.since', { day: dayText(school.participatingSince, locale) })}` : status;
}

export interface SchoolListPageProps {
  ctx: ManageContext;
  schools: SchoolRow[];
  counts: Record<SchoolType, number>;
  participatingTotal: number;
  filter: { type?: SchoolType | undefined; participation?: SchoolParticipation | undefined };
  canImport: boolean;
  notice?: string | undefined;
}

/** The school locations with their filters, and the participating locations per type (what the grant is sized on). */
export function SchoolListPage(props: SchoolListPageProps) {
  const { ctx, filter } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/scholen`;
  const filtered = filter.type !== undefined || filter.participation !== undefined;
  return (
    <NetworkLayout ctx={ctx} title={t(locale, 'schools.title')} current="/beheer/netwerk/scholen" notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'schools.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'schools.intro')}</p>
      {props.canImport && (
        <p class="utrecht-paragraph">
          <ButtonLink href={`${base}/importeren`}>{t(locale, 'schools.import')}</ButtonLink>
        </p>
      )}

      <section aria-labelledby="per-soort">
        <h2 class="utrecht-heading-2" id="per-soort">
          {t(locale, 'schools.counts.title')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'schools.counts.intro')}</p>
        <DataTable
          class="manage-table school-counts"
          rowHeaders
          headers={[t(locale, 'schools.counts.type'), t(locale, 'schools.counts.count')]}
          rows={schoolTypes.map((type) => [t(locale, `school.type.${type}`), props.counts[type]])}
        />
        <p class="utrecht-paragraph">{t(locale, 'schools.counts.locations', { count: props.participatingTotal })}</p>
      </section>

      <section aria-labelledby="vestigingen">
        <h2 class="utrecht-heading-2" id="vestigingen">
          {t(locale, 'schools.list')}
        </h2>
        <form class="utrecht-form quick-filter" method="get" action={base}>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-soort">
              {t(locale, 'schools.filter.type')}
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="veld-soort" name="soort">
              <option value="">{t(locale, 'schools.filter.all')}</option>
              {schoolTypes.map((type) => (
                <option value={type} selected={filter.type === type}>
                  {t(locale, `school.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="veld-deelname">
              {t(locale, 'schools.filter.participation')}
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="veld-deelname" name="deelname">
              <option value="">{t(locale, 'schools.filter.all')}</option>
              {schoolParticipations.map((p) => (
                <option value={p} selected={filter.participation === p}>
                  {t(locale, `school.participation.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'schools.filter.submit')}
          </button>
        </form>
        {props.schools.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, filtered ? 'schools.emptyFilter' : 'schools.empty')}</p>
        ) : (
          <>
            <p class="utrecht-paragraph">
              {t(locale, 'schools.summary', { count: props.schools.length })}
            </p>
            <DataTable
              class="manage-table"
              rowHeaders
              headers={[
                t(locale, 'schools.column.name'), t(locale, 'schools.column.brin'), t(locale, 'schools.preview.place'), t(locale, 'schools.column.types'),
                t(locale, 'schools.column.pupils'), t(locale, 'schools.column.neighbourhood'), t(locale, 'schools.column.participation'),
              ]}
              rows={props.schools.map((s) => [
                <a class="utrecht-link" href={`${base}/${s.id}`}>
                  {s.name}
                </a>,
                `${s.brin} ${s.locationNumber}`,
                s.locationStatus === 'archived' ? `${s.city} (${t(locale, 'schools.archived')})` : s.city,
                typesText(locale, s.types),
                s.pupilCount ?? t(locale, 'schools.unknown'),
                s.neighbourhoodName ?? '',
                participationText(locale, s),
              ])}
            />
          </>
        )}
      </section>
    </NetworkLayout>
  );
}

export interface SchoolPageProps {
  ctx: ManageContext;
  school: SchoolRow;
  neighbourhoods: Array<{ id: number; name: string }>;
  canManage: boolean;
  canSeeOrganisation: boolean;
  raw: FormValues;
  problems: FieldProblem[];
  notice?: string | undefined;
}

/** One school location: DUO's facts, and the network's own (types, pupils, participation, neighbourhood) as a form for coordinators. */
export function SchoolPage(props: SchoolPageProps) {
  const { ctx, school, problems } = props;
  const { locale, basePath } = ctx;
  const base = `${basePath}/beheer/netwerk/scholen`;
  const f = { locale, raw: props.raw, problems };
  return (
    <NetworkLayout ctx={ctx} title={school.name} current="/beheer/netwerk/scholen" notice={props.notice}>
      <BackLink href={base}>{t(locale, 'schools.title')}</BackLink>
      <h1 class="utrecht-heading-1">{school.name}</h1>
      <section aria-labelledby="duo">
        <h2 class="utrecht-heading-2" id="duo">
          {t(locale, 'schools.details')}
        </h2>
        <Facts
          items={[
            [t(locale, 'schools.data.brin'), school.brin],
            [t(locale, 'schools.data.locationNumber'), school.locationNumber],
            [t(locale, 'schools.data.address'), [school.street, [school.postcode, school.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')],
            [
              t(locale, 'schools.data.organisation'),
              props.canSeeOrganisation ? (
                <a class="utrecht-link" href={`${basePath}/beheer/netwerk/partners/${school.organisationId}`}>
                  {school.organisationName}
                </a>
              ) : (
                school.organisationName
              ),
            ],
          ]}
        />
      </section>
      {props.canManage ? (
        <ManageForm ctx={ctx} action={`${base}/${school.id}`} problems={problems} submit={t(locale, 'manage.save')} cancelHref={base}>
          <Checkboxes {...f} name="types" label={t(locale, 'form.school.types')} options={schoolTypes.map((type) => ({ value: type, label: t(locale, `school.type.${type}`) }))} />
          <TextField {...f} name="pupilCount" label={t(locale, 'form.school.pupils')} hint={t(locale, 'form.school.pupilsHint')} inputMode="numeric" size={7} optional />
          <Radios {...f} name="participation" label={t(locale, 'form.school.participation')} options={schoolParticipations.map((p) => ({ value: p, label: t(locale, `school.participation.${p}`) }))} />
          <TextField {...f} name="participatingSince" type="date" label={t(locale, 'form.school.participatingSince')} hint={t(locale, 'form.school.participatingSinceHint')} size={10} optional />
          <SelectField {...f} name="neighbourhoodId" label={t(locale, 'form.school.neighbourhood')} empty={t(locale, 'form.school.neighbourhoodNone')} options={props.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))} />
        </ManageForm>
      ) : (
        <Facts
          items={[
            [t(locale, 'form.school.types'), typesText(locale, school.types)],
            [t(locale, 'form.school.pupils'), school.pupilCount === null ? t(locale, 'schools.unknown') : String(school.pupilCount)],
            [t(locale, 'form.school.participation'), participationText(locale, school)],
            [t(locale, 'form.school.neighbourhood'), school.neighbourhoodName ?? ''],
          ]}
        />
      )}
    </NetworkLayout>
  );
}
