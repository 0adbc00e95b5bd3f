import type { ThemeRef } from '../../../core/tenancy.js';
import type { FieldProblem } from '../../../core/errors.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import { accessibilityFeatures, formats } from '../vocabulary.js';
import { searchLimits, type RawQuery } from '../queries/search-params.js';

export interface SearchFormProps {
  locale: Locale;
  action: string;
  /** What the user sent, shown back as typed (also when it was wrong). */
  raw: RawQuery;
  themes: ThemeRef[];
  places: string[];
  problems: FieldProblem[];
  /** The map page has no sorting or paging. */
  withSort: boolean;
}

const kmChoices = [2, 5, 10, 15, 25, 50];

function values(raw: RawQuery, name: string): string[] {
  const v = raw[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}
function value(raw: RawQuery, name: string): string {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** The field's error message, linked to the input with aria-describedby. */
export function FieldError({ id, problems, field, locale }: { id: string; problems: FieldProblem[]; field: string; locale: Locale }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <p class="utrecht-form-field-error-message field-error" id={id}>
      {mine.map((p) => t(locale, p.key, p.params)).join(' ')}
    </p>
  );
}

/** A fieldset of checkboxes sharing one query parameter, with its error linked to it. */
export function CheckboxGroup(props: {
  field: string;
  idPrefix: string;
  legend: string;
  locale: Locale;
  problems: FieldProblem[];
  chosen: string[];
  options: Array<{ value: string; label: string }>;
}) {
  const hasError = props.problems.some((p) => p.field === props.field);
  return (
    <fieldset class="utrecht-form-fieldset" id={`veld-${props.field}`} aria-describedby={hasError ? `fout-${props.field}` : undefined}>
      <legend class="utrecht-form-fieldset__legend">{props.legend}</legend>
      <FieldError id={`fout-${props.field}`} problems={props.problems} field={props.field} locale={props.locale} />
      {props.options.map((option) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={`${props.idPrefix}-${option.value}`}
            name={props.field}
            value={option.value}
            checked={props.chosen.includes(option.value)}
          />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${props.idPrefix}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Error summary at the top of a form: every problem, each a link to its field (WCAG 3.3.1). */
// The summary lives with the other form components; re-exported for the finder's views.
export { ErrorSummary } from '../../../web/components/form.js';

/**
 * The finder's filters as one GET form: it works without JavaScript, and the
 * resulting URL is the shareable search. Field names are the API's parameters.
 */
export function SearchForm(props: SearchFormProps) {
  const { locale, raw, problems } = props;
  const has = (field: string) => problems.some((p) => p.field === field);
  const described = (field: string, hint?: string) => [hint, has(field) ? `fout-${field}` : undefined].filter(Boolean).join(' ') || undefined;
  const selectedThemes = values(raw, 'theme');
  const access = values(raw, 'access');
  const chosenFormats = values(raw, 'format');
  const moreOpen = access.length > 0 || chosenFormats.length > 0 || value(raw, 'setting') !== '' || value(raw, 'maxPrice') !== '';
  const sort = value(raw, 'sort');
  const km = value(raw, 'km') || String(searchLimits.defaultKm);
  const place = value(raw, 'place');

  return (
    <form class="utrecht-form filter-panel" method="get" action={props.action} role="search" aria-label={t(locale, 'search.form')} novalidate>
      <div class={`utrecht-form-field utrecht-form-field--text${has('q') ? ' utrecht-form-field--invalid' : ''}`}>
        <label class="utrecht-form-label" for="veld-q">
          {t(locale, 'search.words')}
        </label>
        <p class="utrecht-form-field-description" id="hint-q">
          {t(locale, 'search.wordsHint')}
        </p>
        <FieldError id="fout-q" problems={problems} field="q" locale={locale} />
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          type="search"
          id="veld-q"
          name="q"
          value={value(raw, 'q')}
          maxLength={searchLimits.qMaxLength * 2}
          aria-describedby={described('q', 'hint-q')}
          aria-invalid={has('q') ? 'true' : undefined}
        />
      </div>

      <CheckboxGroup
        field="theme" idPrefix="thema" legend={t(locale, 'search.theme')} locale={locale} problems={problems} chosen={selectedThemes}
        options={props.themes.map((th) => ({ value: th.slug, label: th.name }))}
      />

      <div class={`utrecht-form-field utrecht-form-field--text${has('age') ? ' utrecht-form-field--invalid' : ''}`}>
        <label class="utrecht-form-label" for="veld-age">
          {t(locale, 'search.age')}
        </label>
        <p class="utrecht-form-field-description" id="hint-age">
          {t(locale, 'search.ageHint')}
        </p>
        <FieldError id="fout-age" problems={problems} field="age" locale={locale} />
        <input
          class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm"
          type="text"
          inputMode="numeric"
          id="veld-age"
          name="age"
          value={value(raw, 'age')}
          size={4}
          aria-describedby={described('age', 'hint-age')}
          aria-invalid={has('age') ? 'true' : undefined}
        />
      </div>

      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">{t(locale, 'search.where')}</legend>
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="veld-postcode">
            {t(locale, 'search.postcode')}
          </label>
          <FieldError id="fout-postcode" problems={problems} field="postcode" locale={locale} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm"
            type="text"
            id="veld-postcode"
            name="postcode"
            value={value(raw, 'postcode')}
            autocomplete="postal-code"
            size={7}
            aria-describedby={described('postcode')}
            aria-invalid={has('postcode') ? 'true' : undefined}
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="veld-place">
            {t(locale, 'search.place')}
          </label>
          <FieldError id="fout-place" problems={problems} field="place" locale={locale} />
          <select
            class="utrecht-select utrecht-select--html-select"
            id="veld-place"
            name="place"
            aria-describedby={described('place')}
            aria-invalid={has('place') ? 'true' : undefined}
          >
            <option value="">{t(locale, 'search.anyPlace')}</option>
            {props.places.map((p) => (
              <option value={p} selected={p.toLowerCase() === place.toLowerCase()}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="veld-km">
            {t(locale, 'search.km')}
          </label>
          <FieldError id="fout-km" problems={problems} field="km" locale={locale} />
          <select class="utrecht-select utrecht-select--html-select" id="veld-km" name="km" aria-describedby={described('km')}>
            {[...new Set([...kmChoices.map(String), km])].map((k) => (
              <option value={k} selected={k === km}>
                {t(locale, 'search.kmUnit', { km: k })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">{t(locale, 'search.when')}</legend>
        {(['from', 'to'] as const).map((field) => (
          <div class="utrecht-form-field utrecht-form-field--text">
            <label class="utrecht-form-label" for={`veld-${field}`}>
              {t(locale, field === 'from' ? 'search.from' : 'search.to')}
            </label>
            <FieldError id={`fout-${field}`} problems={problems} field={field} locale={locale} />
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              type="date"
              id={`veld-${field}`}
              name={field}
              value={value(raw, field)}
              aria-describedby={described(field)}
              aria-invalid={has(field) ? 'true' : undefined}
            />
          </div>
        ))}
      </fieldset>

      <fieldset class="utrecht-form-fieldset" id="veld-price">
        <legend class="utrecht-form-fieldset__legend">{t(locale, 'search.price')}</legend>
        <FieldError id="fout-price" problems={problems} field="price" locale={locale} />
        {[
          ['', 'search.priceAny'],
          ['free', 'search.priceFree'],
        ].map(([v, label]) => (
          <div class="utrecht-form-field utrecht-form-field--radio">
            <input
              class="utrecht-radio-button utrecht-radio-button--html-input"
              type="radio"
              id={`prijs-${v || 'alle'}`}
              name="price"
              value={v}
              checked={(value(raw, 'price') === 'any' ? '' : value(raw, 'price')) === v}
            />
            <label class="utrecht-form-label utrecht-form-label--radio" for={`prijs-${v || 'alle'}`}>
              {t(locale, label as MessageKey)}
            </label>
          </div>
        ))}
      </fieldset>

      <details class="more-filters" open={moreOpen || problems.some((p) => ['access', 'format', 'setting', 'maxPrice'].includes(p.field))}>
        <summary>{t(locale, 'search.moreFilters')}</summary>
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="veld-maxPrice">
            {t(locale, 'search.maxPrice')}
          </label>
          <FieldError id="fout-maxPrice" problems={problems} field="maxPrice" locale={locale} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm"
            type="text"
            inputMode="decimal"
            id="veld-maxPrice"
            name="maxPrice"
            value={value(raw, 'maxPrice')}
            size={6}
            aria-describedby={described('maxPrice')}
            aria-invalid={has('maxPrice') ? 'true' : undefined}
          />
        </div>
        <CheckboxGroup
          field="access" idPrefix="toegang" legend={t(locale, 'search.accessibility')} locale={locale} problems={problems} chosen={access}
          options={accessibilityFeatures.map((f) => ({ value: f, label: t(locale, `accessibility.${f}`) }))}
        />
        <CheckboxGroup
          field="format" idPrefix="soort" legend={t(locale, 'search.format')} locale={locale} problems={problems} chosen={chosenFormats}
          options={formats.map((f) => ({ value: f, label: t(locale, `format.${f}`) }))}
        />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="veld-setting">
            {t(locale, 'search.setting')}
          </label>
          <FieldError id="fout-setting" problems={problems} field="setting" locale={locale} />
          <select class="utrecht-select utrecht-select--html-select" id="veld-setting" name="setting" aria-describedby={described('setting')}>
            <option value="">{t(locale, 'search.settingAny')}</option>
            {(['in_school', 'out_of_school'] as const).map((s) => (
              <option value={s} selected={value(raw, 'setting') === s}>
                {t(locale, `setting.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </details>

      {props.withSort && (
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="veld-sort">
            {t(locale, 'search.sort')}
          </label>
          <FieldError id="fout-sort" problems={problems} field="sort" locale={locale} />
          <select class="utrecht-select utrecht-select--html-select" id="veld-sort" name="sort" aria-describedby={described('sort')}>
            <option value="">{t(locale, 'search.sort.default')}</option>
            {(['relevance', 'date', 'distance'] as const).map((s) => (
              <option value={s} selected={sort === s}>
                {t(locale, `search.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      )}

      <div class="filter-actions">
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t(locale, 'search.submit')}
        </button>
        <a class="utrecht-link" href={props.action}>
          {t(locale, 'search.reset')}
        </a>
      </div>
    </form>
  );
}
