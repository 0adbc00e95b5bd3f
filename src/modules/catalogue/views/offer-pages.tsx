import type { FieldProblem } from '../../../core/errors.js';
import { Alert } from '../../../web/components/alert.js';
import { formatDay, formatShortDay, formatTime } from '../../../web/format.js';
import { t, type MessageKey } from '../../../web/i18n/index.js';
import type { ThemeRef } from '../../../core/tenancy.js';
import type { Location, Organisation } from '../db/schema.js';
import type { FormValues } from '../forms.js';
import type { ManagedActivity, NextStepCandidate, OfferRow } from '../queries/manage-queries.js';
import { offerListLimit } from '../queries/manage-queries.js';
import {
  accessibilityFeatures, formats, languages, levels, nextStepKinds, registrationModes, schoolGroups, settings,
} from '../vocabulary.js';
import {
  ActionButton,  Checkboxes, ManageForm, ManageLayout, Radios, SelectField, SingleCheckbox, StatusTag, TextArea, TextField, type ManageContext } from './manage-components.js';

/** "Mijn aanbod": every activity this person may edit, with its status. */
export function OfferListPage(props: { ctx: ManageContext; rows: OfferRow[]; organisations: Organisation[]; all: boolean; canCreate: boolean }) {
  const { ctx, rows } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageLayout ctx={ctx} title={t(locale, 'offer.title')} current="offer">
      <h1 class="utrecht-heading-1">{t(locale, 'offer.title')}</h1>
      <p class="utrecht-paragraph">
        {props.all ? t(locale, 'offer.introAll') : t(locale, 'offer.intro', { organisations: props.organisations.map((o) => o.name).join(', ') })}
      </p>
      {props.canCreate && (
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}/beheer/aanbod/nieuw`}>
            {t(locale, 'offer.new')}
          </a>
        </p>
      )}
      {rows.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'offer.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="utrecht-table manage-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.title')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.organisation')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'manage.status')}</th>
                <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.next')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {rows.map((r) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    <a class="utrecht-link" href={`${basePath}/beheer/aanbod/${r.id}`}>
                      {r.title}
                    </a>
                  </th>
                  <td class="utrecht-table__cell">{r.organisationName}</td>
                  <td class="utrecht-table__cell">
                    <StatusTag locale={locale} status={r.status} />
                    {r.status === 'returned' && r.reviewComment && (
                      <p class="utrecht-paragraph review-comment">{t(locale, 'offer.returnedComment', { comment: r.reviewComment })}</p>
                    )}
                  </td>
                  <td class="utrecht-table__cell">{r.nextSessionAt ? formatShortDay(r.nextSessionAt, locale) : t(locale, 'offer.noNext')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length >= offerListLimit && <p class="utrecht-paragraph">{t(locale, 'offer.limited', { count: offerListLimit })}</p>}
    </ManageLayout>
  );
}

export interface ActivityFormProps {
  ctx: ManageContext;
  /** Undefined for a new activity. */
  activity?: { id: number; title: string } | undefined;
  raw: FormValues;
  problems: FieldProblem[];
  /** The organisation that offers it (chosen before a new activity's form). */
  organisation: Organisation;
  themes: ThemeRef[];
  locations: Location[];
  coProviders: Organisation[];
}

/** Every field of an activity, in the order a partner thinks about them. Works without JavaScript. */
export function ActivityFormPage(props: ActivityFormProps) {
  const { ctx, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = props.activity ? t(locale, 'offer.editTitle', { title: props.activity.title }) : t(locale, 'offer.newTitle');
  const action = props.activity ? `${basePath}/beheer/aanbod/${props.activity.id}/bewerken` : `${basePath}/beheer/aanbod/nieuw`;
  const opts = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(locale, `${prefix}.${v}` as MessageKey) }));
  return (
    <ManageLayout ctx={ctx} title={title} current="offer">
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm
        ctx={ctx}
        action={action}
        problems={problems}
        submit={props.activity ? t(locale, 'manage.save') : t(locale, 'form.activity.create')}
        cancelHref={props.activity ? `${basePath}/beheer/aanbod/${props.activity.id}` : `${basePath}/beheer/aanbod`}
      >
        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.activity.basics')}</legend>
          {!props.activity && <input type="hidden" name="organisationId" value={String(props.organisation.id)} />}
          <p class="utrecht-paragraph">
            {t(locale, 'form.activity.organisation')}: <strong>{props.organisation.name}</strong>
          </p>
          <TextField {...f} name="title" label={t(locale, 'form.activity.title')} maxLength={200} />
          <TextField {...f} name="summary" label={t(locale, 'form.activity.summary')} hint={t(locale, 'form.activity.summaryHint')} optional maxLength={500} />
          <TextArea {...f} name="description" label={t(locale, 'form.activity.description')} hint={t(locale, 'form.activity.descriptionHint')} optional rows={8} />
          <Checkboxes {...f} name="themes" label={t(locale, 'form.activity.themes')} options={props.themes.map((th) => ({ value: th.slug, label: th.name }))} />
          <SelectField {...f} name="format" label={t(locale, 'form.activity.format')} options={opts(formats, 'format')} />
          <SelectField {...f} name="level" label={t(locale, 'form.activity.level')} options={opts(levels, 'level')} />
        </fieldset>

        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.activity.who')}</legend>
          <TextField {...f} name="minAge" label={t(locale, 'form.activity.minAge')} hint={t(locale, 'form.activity.ageHint')} inputMode="numeric" size={4} />
          <TextField {...f} name="maxAge" label={t(locale, 'form.activity.maxAge')} inputMode="numeric" size={4} />
          <Checkboxes
            {...f}
            name="schoolGroups"
            label={t(locale, 'form.activity.schoolGroups')}
            options={schoolGroups.map((g) => ({ value: g, label: t(locale, `schoolGroup.${g.slice(0, 2)}` as MessageKey, { n: g.slice(2) }) }))}
          />
          <Radios {...f} name="setting" label={t(locale, 'form.activity.setting')} options={opts(settings, 'setting')} />
          <Checkboxes {...f} name="accessibility" label={t(locale, 'form.activity.accessibility')} options={opts(accessibilityFeatures, 'accessibility')} />
          <Checkboxes {...f} name="languages" label={t(locale, 'form.activity.languages')} options={opts(languages, 'language')} />
        </fieldset>

        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.activity.whereWhen')}</legend>
          <SelectField
            {...f}
            name="locationId"
            label={t(locale, 'form.activity.location')}
            hint={t(locale, 'form.activity.locationHint')}
            empty={t(locale, 'offer.locationNone')}
            options={props.locations.map((l) => ({ value: String(l.id), label: [l.name, l.city].filter(Boolean).join(', ') }))}
          />
          <SingleCheckbox {...f} name="online" label={t(locale, 'form.activity.online')} />
          <SelectField {...f} name="registrationMode" label={t(locale, 'form.activity.registrationMode')} options={opts(registrationModes, 'registration')} />
        </fieldset>

        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.activity.priceSection')}</legend>
          <TextField {...f} name="price" label={t(locale, 'form.activity.price')} hint={t(locale, 'form.activity.priceHint')} inputMode="decimal" size={8} />
          <TextField {...f} name="priceNote" label={t(locale, 'form.activity.priceNote')} optional maxLength={300} />
          <TextField {...f} name="reductions" label={t(locale, 'form.activity.reductions')} hint={t(locale, 'form.activity.reductionsHint')} optional maxLength={300} />
        </fieldset>

        <fieldset class="utrecht-form-fieldset form-section">
          <legend class="utrecht-form-fieldset__legend">{t(locale, 'form.activity.more')}</legend>
          <TextField {...f} name="curriculumGoals" label={t(locale, 'form.activity.curriculumGoals')} hint={t(locale, 'form.activity.curriculumGoalsHint')} optional />
          {props.coProviders.length > 0 && (
            <Checkboxes {...f} name="coProviderIds" label={t(locale, 'form.activity.coProviders')} options={props.coProviders.map((o) => ({ value: String(o.id), label: o.name }))} />
          )}
        </fieldset>
      </ManageForm>
    </ManageLayout>
  );
}

export interface ActivityManageProps {
  ctx: ManageContext;
  managed: ManagedActivity;
  themes: ThemeRef[];
  allowed: { update: boolean; submit: boolean; archive: boolean; duplicate: boolean };
  notice?: string | undefined;
}

/** One activity as its partner manages it: status, actions, sessions and next steps. */
export function ActivityManagePage(props: ActivityManageProps) {
  const { ctx, managed, allowed } = props;
  const { locale, basePath } = ctx;
  const a = managed.activity;
  const base = `${basePath}/beheer/aanbod/${a.id}`;
  const changeable = allowed.update && a.status !== 'archived';
  const tr = (key: string, params?: Record<string, string | number>) => t(locale, key as MessageKey, params);
  return (
    <ManageLayout ctx={ctx} title={a.title} current="offer" notice={props.notice}>
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}/beheer/aanbod`}>
          {t(locale, 'offer.title')}
        </a>
      </p>
      <h1 class="utrecht-heading-1" id="activiteit-titel">
        {a.title}
      </h1>
      <p class="utrecht-paragraph">
        {managed.organisationName} · <StatusTag locale={locale} status={a.status} />
      </p>
      {a.status === 'returned' && (
        <Alert type="warning" role="status">
          <p class="utrecht-paragraph">{t(locale, 'offer.returned')}</p>
          {a.review_comment && <p class="utrecht-paragraph review-comment">{t(locale, 'offer.returnedComment', { comment: a.review_comment })}</p>}
        </Alert>
      )}
      {a.status === 'submitted' && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'offer.submittedNote')}</p>
        </Alert>
      )}
      {a.status === 'archived' && (
        <Alert type="info" role="status">
          <p class="utrecht-paragraph">{t(locale, 'offer.archivedNote')}</p>
        </Alert>
      )}

      <div class="button-row">
        {changeable && (
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/bewerken`}>
            {t(locale, 'offer.edit')}
          </a>
        )}
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/voorbeeld`}>
          {t(locale, 'offer.preview')}
        </a>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/insigne`}>
          {t(locale, 'badges.manage.link')}
        </a>
        {allowed.duplicate && <ActionButton ctx={ctx} action={`${base}/kopieren`} label={t(locale, 'offer.duplicate')} />}
        {allowed.submit && (a.status === 'draft' || a.status === 'returned') && (
          <ActionButton ctx={ctx} action={`${base}/indienen`} label={t(locale, 'offer.submit')} primary />
        )}
        {allowed.archive && a.status !== 'archived' && (
          <ActionButton ctx={ctx} action={`${base}/archiveren`} label={t(locale, 'offer.archive')} describedBy="archiveren-uitleg" />
        )}
      </div>
      {allowed.archive && a.status !== 'archived' && (
        <p class="utrecht-paragraph hint" id="archiveren-uitleg">
          {t(locale, 'offer.archiveConfirm')}
        </p>
      )}

      <section aria-labelledby="gegevens">
        <h2 class="utrecht-heading-2" id="gegevens">
          {t(locale, 'offer.facts')}
        </h2>
        <dl class="activity-facts">
          <dt>{t(locale, 'activity.where')}</dt>
          <dd>
            {[managed.locationName, a.online ? t(locale, 'activity.online') : null].filter(Boolean).join(' · ') || t(locale, 'offer.locationNone')}
          </dd>
          <dt>{t(locale, 'activity.ages')}</dt>
          <dd>{t(locale, 'activity.agesValue', { min: a.min_age, max: a.max_age })}</dd>
          <dt>{t(locale, 'activity.themes')}</dt>
          <dd>{managed.themeSlugs.map((s) => props.themes.find((th) => th.slug === s)?.name ?? s).join(', ')}</dd>
          <dt>{t(locale, 'activity.format')}</dt>
          <dd>{tr(`format.${a.format}`)}</dd>
        </dl>
      </section>

      <section aria-labelledby="bijeenkomsten">
        <h2 class="utrecht-heading-2" id="bijeenkomsten">
          {t(locale, 'offer.sessions')}
        </h2>
        {managed.sessions.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'offer.noSessions')}</p>
        ) : (
          <div class="table-scroll">
            <table class="utrecht-table manage-table">
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.when')}</th>
                  <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.capacity')}</th>
                  <th class="utrecht-table__header-cell" scope="col">{t(locale, 'offer.column.note')}</th>
                  {changeable && <th class="utrecht-table__header-cell" scope="col">{t(locale, 'manage.actions')}</th>}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {managed.sessions.map((s) => (
                  <tr class={`utrecht-table__row${s.status === 'cancelled' ? ' session--cancelled' : ''}`}>
                    <th class="utrecht-table__header-cell" scope="row" id={`sessie-${s.id}`}>
                      <time dateTime={s.starts_at.toISOString()}>
                        {t(locale, 'activity.session', { date: formatDay(s.starts_at, locale), start: formatTime(s.starts_at, locale), end: formatTime(s.ends_at, locale) })}
                      </time>
                      {s.status === 'cancelled' && <strong class="session-cancelled">{` · ${t(locale, 'activity.cancelled')}`}</strong>}
                    </th>
                    <td class="utrecht-table__cell">{s.capacity ?? t(locale, 'offer.sessionCapacityNone')}</td>
                    <td class="utrecht-table__cell">{s.note}</td>
                    {changeable && (
                      <td class="utrecht-table__cell">
                        {s.status === 'scheduled' && (
                          <div class="button-row button-row--tight">
                            <a class="utrecht-link" href={`${basePath}/beheer/bijeenkomsten/${s.id}`} aria-describedby={`sessie-${s.id}`}>
                              {t(locale, 'offer.editSession')}
                            </a>
                            <ActionButton ctx={ctx} action={`${basePath}/beheer/bijeenkomsten/${s.id}/annuleren`} label={t(locale, 'offer.cancelSession')} describedBy={`sessie-${s.id}`} />
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {managed.pastSessionCount > 0 && <p class="utrecht-paragraph">{t(locale, 'offer.pastSessions', { count: managed.pastSessionCount })}</p>}
        {changeable && (
          <div class="button-row">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/bijeenkomsten/nieuw`}>
              {t(locale, 'offer.addSession')}
            </a>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/reeks`}>
              {t(locale, 'offer.addSeries')}
            </a>
          </div>
        )}
      </section>

      <section aria-labelledby="vervolgstappen">
        <h2 class="utrecht-heading-2" id="vervolgstappen">
          {t(locale, 'offer.nextSteps')}
        </h2>
        <p class="utrecht-paragraph">{t(locale, 'offer.nextStepsIntro')}</p>
        {managed.nextSteps.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'offer.noNextSteps')}</p>
        ) : (
          <ul class="utrecht-unordered-list manage-list">
            {managed.nextSteps.map((n) => (
              <li class="utrecht-unordered-list__item">
                <p class="utrecht-paragraph" id={`stap-${n.id}`}>
                  <strong>{tr(`activity.nextStep.${n.kind}`)}:</strong> {n.title}
                  {n.status !== 'published' && ` ${t(locale, 'offer.nextStepHidden')}`}
                </p>
                <p class="utrecht-paragraph next-step__reason">{n.reason}</p>
                {changeable && (
                  <ActionButton ctx={ctx} action={`${basePath}/beheer/vervolgstappen/${n.id}/verwijderen`} label={t(locale, 'offer.removeNextStep')} describedBy={`stap-${n.id}`} />
                )}
              </li>
            ))}
          </ul>
        )}
        {changeable && (
          <p class="utrecht-paragraph">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/vervolgstappen/nieuw`}>
              {t(locale, 'offer.addNextStep')}
            </a>
          </p>
        )}
      </section>
    </ManageLayout>
  );
}

/** Add or change one session. */
export function SessionFormPage(props: { ctx: ManageContext; activity: { id: number; title: string }; sessionId?: number; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, props.sessionId ? 'form.session.editTitle' : 'form.session.addTitle', { title: props.activity.title });
  const action = props.sessionId ? `${basePath}/beheer/bijeenkomsten/${props.sessionId}` : `${basePath}/beheer/aanbod/${props.activity.id}/bijeenkomsten/nieuw`;
  return (
    <ManageLayout ctx={ctx} title={title} current="offer">
      <h1 class="utrecht-heading-1">{title}</h1>
      <ManageForm ctx={ctx} action={action} problems={problems} submit={t(locale, 'manage.save')} cancelHref={`${basePath}/beheer/aanbod/${props.activity.id}`}>
        <TextField {...f} name="date" type="date" label={t(locale, 'form.session.date')} />
        <TextField {...f} name="startTime" type="time" label={t(locale, 'form.session.startTime')} hint={t(locale, 'form.session.timeHint')} size={6} />
        <TextField {...f} name="endTime" type="time" label={t(locale, 'form.session.endTime')} size={6} />
        <TextField {...f} name="capacity" label={t(locale, 'form.session.capacity')} hint={t(locale, 'form.session.capacityHint')} inputMode="numeric" size={6} />
        <TextField {...f} name="note" label={t(locale, 'form.session.note')} hint={t(locale, 'form.session.noteHint')} optional maxLength={500} />
      </ManageForm>
    </ManageLayout>
  );
}

/** Plan a weekly series with days to skip. */
export function SeriesFormPage(props: { ctx: ManageContext; activity: { id: number; title: string }; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, 'form.series.title', { title: props.activity.title });
  return (
    <ManageLayout ctx={ctx} title={title} current="offer">
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">{t(locale, 'form.series.intro')}</p>
      <ManageForm ctx={ctx} action={`${basePath}/beheer/aanbod/${props.activity.id}/reeks`} problems={problems} submit={t(locale, 'form.series.submit')} cancelHref={`${basePath}/beheer/aanbod/${props.activity.id}`}>
        <SelectField {...f} name="weekday" label={t(locale, 'form.series.weekday')} options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(locale, `weekday.${d}` as MessageKey) }))} />
        <TextField {...f} name="startTime" type="time" label={t(locale, 'form.session.startTime')} hint={t(locale, 'form.session.timeHint')} size={6} />
        <TextField {...f} name="endTime" type="time" label={t(locale, 'form.session.endTime')} size={6} />
        <TextField {...f} name="from" type="date" label={t(locale, 'form.series.from')} />
        <TextField {...f} name="until" type="date" label={t(locale, 'form.series.until')} />
        <TextArea {...f} name="skip" label={t(locale, 'form.series.skip')} hint={t(locale, 'form.series.skipHint')} optional rows={3} />
        <TextField {...f} name="capacity" label={t(locale, 'form.session.capacity')} hint={t(locale, 'form.session.capacityHint')} inputMode="numeric" size={6} />
        <TextField {...f} name="note" label={t(locale, 'form.session.note')} optional maxLength={500} />
      </ManageForm>
    </ManageLayout>
  );
}

/** Link a next step: narrow the list by words (a GET form), then choose, say what kind and why. */
export function NextStepFormPage(props: { ctx: ManageContext; activity: { id: number; title: string }; words: string; candidates: NextStepCandidate[]; raw: FormValues; problems: FieldProblem[] }) {
  const { ctx, raw, problems } = props;
  const { locale, basePath } = ctx;
  const f = { locale, raw, problems };
  const title = t(locale, 'form.nextStep.title', { title: props.activity.title });
  const action = `${basePath}/beheer/aanbod/${props.activity.id}/vervolgstappen/nieuw`;
  return (
    <ManageLayout ctx={ctx} title={title} current="offer">
      <h1 class="utrecht-heading-1">{title}</h1>
      <form class="utrecht-form quick-filter" method="get" action={action} role="search" aria-label={t(locale, 'form.nextStep.filter')}>
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="zoek-titel">
            {t(locale, 'form.nextStep.filter')}
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek-titel" name="zoek" value={props.words} maxLength={100} />
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {t(locale, 'form.nextStep.filterSubmit')}
        </button>
      </form>
      {props.candidates.length === 0 && problems.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'form.nextStep.noCandidates')}</p>
      ) : (
        <ManageForm ctx={ctx} action={action} problems={problems} submit={t(locale, 'form.nextStep.submit')} cancelHref={`${basePath}/beheer/aanbod/${props.activity.id}`}>
          <SelectField
            {...f}
            name="toActivityId"
            label={t(locale, 'form.nextStep.target')}
            hint={t(locale, 'form.nextStep.targetHint', { count: props.candidates.length })}
            empty=""
            options={props.candidates.map((c) => ({ value: String(c.id), label: `${c.title} (${c.organisationName}, ${t(locale, 'search.ages', { min: c.minAge, max: c.maxAge })})` }))}
          />
          <Radios {...f} name="kind" label={t(locale, 'form.nextStep.kind')} options={nextStepKinds.map((k) => ({ value: k, label: t(locale, `activity.nextStep.${k}`) }))} />
          <TextField {...f} name="reason" label={t(locale, 'form.nextStep.reason')} hint={t(locale, 'form.nextStep.reasonHint')} maxLength={300} />
        </ManageForm>
      )}
    </ManageLayout>
  );
}

/** Before a new activity: which organisation offers it (for people who may add to several). */
export function OrganisationChooserPage(props: { ctx: ManageContext; organisations: Organisation[] }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageLayout ctx={ctx} title={t(locale, 'offer.newTitle')} current="offer">
      <h1 class="utrecht-heading-1">{t(locale, 'offer.newTitle')}</h1>
      <form class="utrecht-form manage-form" method="get" action={`${basePath}/beheer/aanbod/nieuw`}>
        <SelectField
          locale={locale}
          raw={{}}
          problems={[]}
          name="organisatie"
          label={t(locale, 'form.activity.organisation')}
          options={props.organisations.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <div class="button-row">
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'offer.chooseOrganisation')}
          </button>
        </div>
      </form>
    </ManageLayout>
  );
}
