/**
 * The panel's controls. Every control names the attribute it sets in
 * `data-prop` (for tests and tools). A select commits on change; a number
 * field commits on Enter or when it loses focus, one command per commit, so
 * each change is one undo step and typing "12" is not two.
 */
import { useEffect, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface Option<T> {
  value: T;
  label: string;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="bm-prop-field">
      <span className="bm-prop-label">{label}</span>
      {children}
    </label>
  );
}

export function SelectField<T extends string | number>(props: {
  prop: string;
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const { prop, label, value, options, onChange, disabled } = props;
  const index = options.findIndex((o) => o.value === value);
  return (
    <Field label={label}>
      <select
        data-prop={prop}
        value={index < 0 ? '' : String(index)}
        disabled={disabled}
        onChange={(e) => {
          const o = options[Number(e.target.value)];
          if (o) onChange(o.value);
        }}
      >
        {index < 0 && <option value="">—</option>}
        {options.map((o, i) => (
          <option key={String(o.value)} value={String(i)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function NumberField(props: {
  prop: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  /** Only whole numbers. */
  whole?: boolean;
  onCommit: (value: number) => void;
}) {
  const { prop, label, value, min, max, step = 1, unit, whole, onCommit } = props;
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const v = Number(text);
    const ok = text.trim() !== '' && Number.isFinite(v) && v >= min && v <= max && (!whole || Number.isInteger(v));
    // Out of range: the field shows the stored value again, nothing changes.
    if (!ok) return setText(String(value));
    if (v !== value) onCommit(v);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') setText(String(value));
  };
  return (
    <Field label={label}>
      <span className="bm-prop-number">
        <input
          data-prop={prop}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={onKey}
        />
        {unit && <span className="bm-prop-unit">{unit}</span>}
      </span>
    </Field>
  );
}
