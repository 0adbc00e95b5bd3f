import type { FieldProblem } from '../../../core/errors.js';
import type { ManageLink } from '../../../core/modules.js';
import { Alert } from '../../../web/components/alert.js';
import { ChoiceField, CsrfField, ErrorSummary, TextField } from '../../../web/components/form.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { DataTable } from '../../../web/components/table.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { learningPathLimits, learningPathStatuses } from '../commands/learning-path-commands.js';
import type { LearningPath } from '../db/schema.js';
import type { FormValues } from '../learning-path-forms.js';
import type { ActivityChoice, LearningPathStepView, LearningPathSummary } from '../queries/learning-path-queries.js';

/** What every management page of learning paths gets from its route. */
export interface ManageContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  links: ManageLink[];
}

export const learningPathsPath = '/beheer/leerroutes';

function StatusTag({ locale, status }: { locale: Locale; status: LearningPath['status'] }) {
  return <span class={`tag status-tag status-tag--${status}`}>{t(locale, `learningPaths.status.${status}` as MessageKey)}</span>;
}

/** The coordinator's list of learning paths. */
export function LearningPathManageListPage(props: { ctx: ManageContext; paths: LearningPathSummary[]; notice?: string | undefined }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageFrame current={learningPathsPath} ctx={ctx} title={t(locale, 'learningPaths.manage.title')} notice={props.notice}>
      <h1 class="utrecht-heading-1">{t(locale, 'learningPaths.manage.title')}</h1>
      <p class="utrecht-paragraph">{t(locale, 'learningPaths.manage.intro')}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${basePath}${learningPathsPath}/nieuw`}>
          {t(locale, 'learningPaths.manage.new')}
        </a>
      </p>
      {props.paths.length === 0 ? (
        <p class="utrecht-paragraph">{t(locale, 'learningPaths.manage.empty')}</p>
      ) : (
        <DataTable
          class="manage-table"
          rowHeaders
          headers={[t(locale, 'learningPaths.column.title'), t(locale, 'learningPaths.column.theme'), t(locale, 'learningPaths.column.steps'), t(locale, 'manage.status')]}
          rows={props.paths.map((p) => [
            <a class="utrecht-link" href={`${basePath}${learningPathsPath}/${p.id}`}>
              {p.title}
            </a>,
            p.themeName ?? t(locale, 'manage.none'),
            p.stepCount,
            <StatusTag locale={locale} status={p.status} />,
          ])}
        />
      )}
    </ManageFrame>
  );
}

function value(raw: FormValues, name: string): string {
  const v = raw[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function ThemeSelect(props: { locale: Locale; raw: FormValues; problems: FieldProblem[]; themes: Array<{ id: number; name: string }> }) {
  const { locale } = props;
  const own = props.problems.filter((p) => p.field === 'themeId');
  const selected = value(props.raw, 'themeId');
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${own.length ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for="veld-themeId">
        {t(locale, 'learningPaths.field.theme')}
        <span class="optional"> {t(locale, 'manage.optional')}</span>
      </label>
      {own.length > 0 && (
        <p class="utrecht-form-field-error-message" id="veld-themeId-fout">
          {own.map((p) => t(locale, p.key, p.params)).join(' ')}
        </p>
      )}
      <select class="utrecht-select utrecht-select--html-select" id="veld-themeId" name="themeId" aria-invalid={own.length ? 'true' : undefined} aria-describedby={own.length ? 'veld-themeId-fout' : undefined}>
        <option value="" selected={selected === ''}>
          {t(locale, 'learningPaths.field.noTheme')}
        </option>
        {props.themes.map((th) => (
          <option value={String(th.id)} selected={selected === String(th.id)}>
            {th.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The fields of a learning path: the same form for a new path and for changing one (then with its status). */
function PathFields(props: { ctx: ManageContext; raw: FormValues; problems: FieldProblem[]; themes: Array<{ id: number; name: string }>; withStatus: boolean }) {
  const { ctx, raw, problems } = props;
  const { locale } = ctx;
  return (
    <>
      <TextField locale={locale} name="title" label={t(locale, 'learningPaths.field.title')} value={value(raw, 'title')} problems={problems} maxLength={learningPathLimits.title} />
      <TextField
        locale={locale}
        name="slug"
        label={t(locale, 'learningPaths.field.slug')}
        hint={t(locale, props.withStatus ? 'learningPaths.field.slugHintEdit' : 'learningPaths.field.slugHint')}
        value={value(raw, 'slug')}
        problems={problems}
        maxLength={learningPathLimits.slug}
      />
      <TextField
        locale={locale}
        name="description"
        label={t(locale, 'learningPaths.field.description')}
        hint={t(locale, 'learningPaths.field.descriptionHint')}
        value={value(raw, 'description')}
        problems={problems}
        maxLength={learningPathLimits.description}
        multiline
      />
      <ThemeSelect locale={locale} raw={raw} problems={problems} themes={props.themes} />
      <ChoiceField
        locale={locale}
        name="ordered"
        type="radio"
        legend={t(locale, 'learningPaths.field.ordered')}
        options={[
          { value: 'ordered', label: t(locale, 'learningPaths.field.ordered.yes') },
          { value: 'free', label: t(locale, 'learningPaths.field.ordered.no') },
        ]}
        selected={[value(raw, 'ordered')]}
        problems={problems}
      />
      {props.withStatus && (
        <ChoiceField
          locale={locale}
          name="status"
          type="radio"
          legend={t(locale, 'manage.status')}
          hint={t(locale, 'learningPaths.field.statusHint', { min: learningPathLimits.minStepsToPublish })}
          options={learningPathStatuses.map((s) => ({ value: s, label: t(locale, `learningPaths.status.${s}` as MessageKey) }))}
          selected={[value(raw, 'status')]}
          problems={problems}
        />
      )}
    </>
  );
}

/** A new learning path: its fields; steps are added on the next page. */
export function LearningPathNewPage(props: { ctx: ManageContext; raw: FormValues; problems: FieldProblem[]; themes: Array<{ id: number; name: string }> }) {
  const { ctx } = props;
  const { locale, basePath } = ctx;
  return (
    <ManageFrame current={learningPathsPath} ctx={ctx} title={t(locale, 'learningPaths.manage.newTitle')}>
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}${learningPathsPath}`}>
          {t(locale, 'learningPaths.manage.title')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{t(locale, 'learningPaths.manage.newTitle')}</h1>
      <ErrorSummary problems={props.problems} locale={locale} title="manage.problems" />
      <form class="utrecht-form manage-form" method="post" action={`${basePath}${learningPathsPath}/nieuw`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <PathFields ctx={ctx} raw={props.raw} problems={props.problems} themes={props.themes} withStatus={false} />
        <div class="button-row">
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {t(locale, 'learningPaths.manage.create')}
          </button>
          <a class="utrecht-link" href={`${basePath}${learningPathsPath}`}>
            {t(locale, 'manage.cancel')}
          </a>
        </div>
      </form>
    </ManageFrame>
  );
}

export interface LearningPathEditProps {
  ctx: ManageContext;
  path: LearningPath;
  raw: FormValues;
  problems: FieldProblem[];
  themes: Array<{ id: number; name: string }>;
  steps: LearningPathStepView[];
  /** Problems with a step change (add, move, remove), shown at the steps. */
  stepProblems: FieldProblem[];
  search: string;
  choices: ActivityChoice[];
  notice?: string | undefined;
}

/** A learning path's fields and status, and its steps: reorder, remove, and add from a search of the offer. */
export function LearningPathEditPage(props: LearningPathEditProps) {
  const { ctx, path, steps } = props;
  const { locale, basePath } = ctx;
  const here = `${basePath}${learningPathsPath}/${path.id}`;
  const title = t(locale, 'learningPaths.manage.editTitle', { title: path.title });
  return (
    <ManageFrame current={learningPathsPath} ctx={ctx} title={title} notice={props.notice}>
      <p class="utrecht-paragraph back-link">
        <a class="utrecht-link" href={`${basePath}${learningPathsPath}`}>
          {t(locale, 'learningPaths.manage.title')}
        </a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph">
        <StatusTag locale={locale} status={path.status} />{' '}
        {path.status === 'published' && (
          <a class="utrecht-link" href={`${basePath}/leerroutes/${path.slug}`}>
            {t(locale, 'learningPaths.manage.publicPage')}
          </a>
        )}
      </p>

      <section aria-labelledby="gegevens">
        <h2 class="utrecht-heading-2" id="gegevens">
          {t(locale, 'learningPaths.manage.details')}
        </h2>
        <ErrorSummary problems={props.problems} locale={locale} title="manage.problems" />
        <form class="utrecht-form manage-form" method="post" action={here} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <PathFields ctx={ctx} raw={props.raw} problems={props.problems} themes={props.themes} withStatus />
          <div class="button-row">
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t(locale, 'manage.save')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="stappen">
        <h2 class="utrecht-heading-2" id="stappen">
          {t(locale, 'learningPaths.manage.steps', { n: steps.length, max: learningPathLimits.steps })}
        </h2>
        {props.stepProblems.length > 0 && (
          <Alert type="error" role="alert">
            {props.stepProblems.map((p) => (
              <p class="utrecht-paragraph">{t(locale, p.key, p.params)}</p>
            ))}
          </Alert>
        )}
        {steps.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, 'learningPaths.manage.noSteps')}</p>
        ) : (
          <form method="post" action={`${here}/stappen`}>
            <CsrfField token={ctx.csrfToken} />
            <ol class="manage-list route-step-editor">
              {steps.map((s, i) => (
                <li>
                  <span class="route-step-editor__title">{s.title}</span>
                  <span class="muted">
                    {' '}
                    · {s.organisationName}
                    {s.status !== 'published' && ` · ${t(locale, 'learningPaths.manage.stepNotPublished')}`}
                  </span>
                  <span class="button-row route-step-editor__buttons">
                    {i > 0 && (
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="omhoog" value={String(s.activityId)}>
                        {t(locale, 'learningPaths.manage.up')}
                        <span class="visually-hidden">: {s.title}</span>
                      </button>
                    )}
                    {i < steps.length - 1 && (
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="omlaag" value={String(s.activityId)}>
                        {t(locale, 'learningPaths.manage.down')}
                        <span class="visually-hidden">: {s.title}</span>
                      </button>
                    )}
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="verwijderen" value={String(s.activityId)}>
                      {t(locale, 'learningPaths.manage.remove')}
                      <span class="visually-hidden">: {s.title}</span>
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          </form>
        )}

        <h3 class="utrecht-heading-3" id="toevoegen">
          {t(locale, 'learningPaths.manage.add')}
        </h3>
        <form class="inline-filter" method="get" action={`${here}#toevoegen`} role="search" aria-labelledby="toevoegen">
          <TextField locale={locale} name="zoek" label={t(locale, 'learningPaths.manage.search')} hint={t(locale, 'learningPaths.manage.searchHint')} value={props.search} maxLength={200} />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {t(locale, 'learningPaths.manage.searchButton')}
          </button>
        </form>
        {props.choices.length === 0 ? (
          <p class="utrecht-paragraph">{t(locale, props.search ? 'learningPaths.manage.noChoices' : 'learningPaths.manage.typeToSearch')}</p>
        ) : (
          <form method="post" action={`${here}/stappen`}>
            <CsrfField token={ctx.csrfToken} />
            <ul class="manage-list">
              {props.choices.map((c) => (
                <li>
                  <span class="route-step-editor__title">{c.title}</span>
                  <span class="muted">
                    {' '}
                    · {c.organisationName} · {t(locale, 'search.ages', { min: c.minAge, max: c.maxAge })} · {t(locale, `level.${c.level}` as MessageKey)}
                  </span>{' '}
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="toevoegen" value={String(c.id)}>
                    {t(locale, 'learningPaths.manage.addButton')}
                    <span class="visually-hidden">: {c.title}</span>
                  </button>
                </li>
              ))}
            </ul>
          </form>
        )}
      </section>
    </ManageFrame>
  );
}
