import { useId } from "react";

/**
 * A native <progress> rather than a styled <span> with an inline width: the
 * CSP forbids inline styles, and <progress> is announced by screen readers.
 */
export function ProgressMeter({ percent, label, text }: { percent: number; label: string; text: string }) {
  const id = useId();
  return (
    <div className="progress">
      <span id={`${id}-label`} className="visually-hidden">
        {label}
      </span>
      <span id={`${id}-text`} className="progress-text">
        {text}
      </span>
      <progress className="progress-meter" max={100} value={percent} aria-labelledby={`${id}-label ${id}-text`}>
        {text}
      </progress>
    </div>
  );
}
