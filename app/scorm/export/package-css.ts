/** The stylesheet every exported package ships (style.css): system fonts, logical properties for RTL, 360 px friendly. */
export const PACKAGE_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic",Tahoma,sans-serif;line-height:1.6;color:#1b1b1b;background:#fff}
header,main,nav.pager{max-inline-size:48rem;margin-inline:auto;padding-inline:1rem}
img,video{max-inline-size:100%;block-size:auto}
nav.toc ol{padding-inline-start:1.25rem}
a{color:#0b4f8a}
a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.pager{display:flex;justify-content:space-between;gap:1rem;padding-block:1rem}
.island-note{border:1px solid #888;border-radius:.25rem;padding:.75rem;background:#f4f4f4}
.notice{background:#fff4d6;padding:.5rem 1rem}
.quiz{border:1px solid #888;border-radius:.25rem;padding:0 1rem 1rem;margin-block:1.5rem}
.quiz-question{border:1px solid #ccc;border-radius:.25rem;margin-block:1rem;padding:.5rem 1rem}
.quiz-question legend{font-weight:600;padding-inline:.25rem}
.quiz-options,.quiz-ordering{padding-inline-start:1.25rem}
.quiz-options li,.quiz-ordering li{margin-block:.35rem}
.quiz-match{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-block:.5rem}
select,input[type=text]{font:inherit;max-inline-size:100%;padding:.25rem}
button{font:inherit;min-block-size:2.5rem;min-inline-size:2.5rem;padding:.25rem .75rem;border:1px solid #0b4f8a;border-radius:.25rem;background:#fff;color:#0b4f8a;cursor:pointer}
.quiz-submit,.quiz-retry{background:#0b4f8a;color:#fff}
button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.quiz-hint{color:#444;margin-block:.25rem}
.quiz-mark{font-weight:600;margin-block:.5rem 0}
.quiz-mark-correct{color:#1d6b32}
.quiz-mark-partial{color:#7a5200}
.quiz-mark-incorrect{color:#a4161a}
.quiz-result{font-weight:600}
.visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
