import type { ComponentChildren } from 'preact';
import type { FieldProblem } from '../../../core/errors.js';
import type { ManageLink } from '../../../core/modules.js';
import { ManageFrame } from '../../../web/components/manage-frame.js';
import { t, type Locale, type MessageKey } from '../../../web/i18n/index.js';
import type { Ecosystem } from '../../ecosystems/db/schema.js';
import { formValue, formValues, type FormValues } from '../forms.js';
import type { ManageArea } from '../policies.js';
import { CheckboxGroup, ErrorSummary, FieldError } from './search-form.js';

/** What every management page gets from its route. */
export interface ManageContext {
  locale: Locale;
  ecosystem: Ecosystem;
  basePath: string;
  csrfToken: string;
  /** The management pages this person may open, for the menu. */
  links: ManageLink[];
}

const areaPaths: Record<ManageArea, string> = { offer: '/beheer/aanbod', organisations: '/beheer/organisaties', themes: '/beheer/themas', review: '/beheer/beoordelen' };

export function areaPath(area: ManageArea): string {
  return areaPaths[area];
}

/** The page frame of the management pages: the site layout plus a menu of the areas this person may open. */
export function ManageLayout(props: { ctx: ManageContext; title: string; current?: ManageArea; notice?: string | undefined; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <ManageFrame ctx={ctx} title={props.title} current={props.current && areaPaths[props.current]} notice={props.notice}>
      {props.children}
    </ManageFrame>
  );
}

/** A POST form with its CSRF field and, above it, the list of problems. */
export function ManageForm(props: { ctx: ManageContext; action: string; problems: FieldProblem[]; submit: string; cancelHref?: string; children: ComponentChildren }) {
  return (
    <>
      <ErrorSummary problems={props.problems} locale={props.ctx.locale} title="manage.problems" />
      <form class="utrecht-form manage-form" method="post" action={props.action} novalidate>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        {props.children}
        <div class="button-row">
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            {props.submit}
          </button>
          {props.cancelHref && (
            <a class="utrecht-link" href={props.cancelHref}>
              {t(props.ctx.locale, 'manage.cancel')}
            </a>
          )}
        </div>
      </form>
    </>
  );
}

/** A one-button POST form, for actions such as submit, archive or cancel. */
export function ActionButton(props: { ctx: ManageContext; action: string; label: string; primary?: boolean; describedBy?: string }) {
  return (
    <form method="post" action={props.action} class="action-form">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      <button
        class={`utrecht-button ${props.primary ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`}
        type="submit"
        aria-describedby={props.describedBy}
      >
        {props.label}
      </button>
    </form>
  );
}

interface FieldProps {
  name: string;
  label: string;
  locale: Locale;
  raw: FormValues;
  problems: FieldProblem[];
  hint?: string;
  optional?: boolean;
}

function describedBy(p: FieldProps, invalid: boolean): string | undefined {
  return [p.hint ? `hint-${p.name}` : undefined, invalid ? `fout-${p.name}` : undefined].filter(Boolean).join(' ') || undefined;
}

function Label(p: FieldProps) {
  return (
    <>
      <label class="utrecht-form-label" for={`veld-${p.name}`}>
        {p.label}
        {p.optional && <span class="optional"> {t(p.locale, 'manage.optional')}</span>}
      </label>
      {p.hint && (
        <p class="utrecht-form-field-description" id={`hint-${p.name}`}>
          {p.hint}
        </p>
      )}
      <FieldError id={`fout-${p.name}`} problems={p.problems} field={p.name} locale={p.locale} />
    </>
  );
}

/** A labelled text input; shows the posted value back and its problem beside it. */
export function TextField(p: FieldProps & { type?: 'text' | 'email' | 'url' | 'tel' | 'date' | 'time'; inputMode?: 'numeric' | 'decimal'; size?: number; maxLength?: number; autocomplete?: string }) {
  const invalid = p.problems.some((x) => x.field === p.name);
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <Label {...p} />
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${p.size && p.size < 10 ? ' utrecht-textbox--sm' : ''}${invalid ? ' utrecht-textbox--invalid' : ''}`}
        type={(p.type ?? 'text') as 'text'}
        id={`veld-${p.name}`}
        name={p.name}
        value={formValue(p.raw, p.name)}
        inputMode={p.inputMode}
        size={p.size}
        maxLength={p.maxLength}
        autocomplete={p.autocomplete}
        aria-describedby={describedBy(p, invalid)}
        aria-invalid={invalid ? 'true' : undefined}
      />
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number; maxLength?: number }) {
  const invalid = p.problems.some((x) => x.field === p.name);
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <Label {...p} />
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        id={`veld-${p.name}`}
        name={p.name}
        rows={p.rows ?? 4}
        maxLength={p.maxLength}
        aria-describedby={describedBy(p, invalid)}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {formValue(p.raw, p.name)}
      </textarea>
    </div>
  );
}

export function SelectField(p: FieldProps & { options: Array<{ value: string; label: string }>; empty?: string }) {
  const invalid = p.problems.some((x) => x.field === p.name);
  const chosen = formValue(p.raw, p.name);
  return (
    <div class={`utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <Label {...p} />
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        id={`veld-${p.name}`}
        name={p.name}
        aria-describedby={describedBy(p, invalid)}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === chosen}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One checkbox that posts "1" when ticked. */
export function SingleCheckbox(p: FieldProps) {
  const invalid = p.problems.some((x) => x.field === p.name);
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <FieldError id={`fout-${p.name}`} problems={p.problems} field={p.name} locale={p.locale} />
      <input
        class="utrecht-checkbox utrecht-checkbox--html-input"
        type="checkbox"
        id={`veld-${p.name}`}
        name={p.name}
        value="1"
        checked={formValue(p.raw, p.name) !== ''}
        aria-describedby={invalid ? `fout-${p.name}` : undefined}
      />
      <label class="utrecht-form-label utrecht-form-label--checkbox" for={`veld-${p.name}`}>
        {p.label}
      </label>
    </div>
  );
}

export function Checkboxes(p: FieldProps & { options: Array<{ value: string; label: string }> }) {
  return (
    <CheckboxGroup field={p.name} idPrefix={`keuze-${p.name}`} legend={p.label} locale={p.locale} problems={p.problems} chosen={formValues(p.raw, p.name)} options={p.options} />
  );
}

/** Radio buttons for one choice from a short list. */
export function Radios(p: FieldProps & { options: Array<{ value: string; label: string }> }) {
  const invalid = p.problems.some((x) => x.field === p.name);
  const chosen = formValue(p.raw, p.name);
  return (
    <fieldset class="utrecht-form-fieldset" id={`veld-${p.name}`} aria-describedby={invalid ? `fout-${p.name}` : undefined}>
      <legend class="utrecht-form-fieldset__legend">{p.label}</legend>
      <FieldError id={`fout-${p.name}`} problems={p.problems} field={p.name} locale={p.locale} />
      {p.options.map((o) => (
        <div class="utrecht-form-field utrecht-form-field--radio">
          <input
            class="utrecht-radio-button utrecht-radio-button--html-input"
            type="radio"
            id={`keuze-${p.name}-${o.value}`}
            name={p.name}
            value={o.value}
            checked={o.value === chosen}
          />
          <label class="utrecht-form-label utrecht-form-label--radio" for={`keuze-${p.name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A status as a tag, in words (colour is never the only cue). */
export function StatusTag({ locale, status }: { locale: Locale; status: string }) {
  return <span class={`tag status-tag status-tag--${status}`}>{t(locale, `offer.status.${status}` as MessageKey)}</span>;
}
