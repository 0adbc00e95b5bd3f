import type { ComponentChildren } from 'preact';

export interface AlertProps {
  type: 'info' | 'ok' | 'warning' | 'error';
  /** `alert` interrupts a screen reader (errors after submitting); `status` waits its turn. */
  role: 'alert' | 'status';
  labelledBy?: string;
  class?: string;
  children: ComponentChildren;
}

/** NL Design System alert (Utrecht markup), one place for every notice box. */
export function Alert(props: AlertProps) {
  return (
    <div class={`utrecht-alert utrecht-alert--${props.type}${props.class ? ` ${props.class}` : ''}`} role={props.role} aria-labelledby={props.labelledBy}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{props.children}</div>
      </div>
    </div>
  );
}
