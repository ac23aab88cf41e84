import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalog";
import { LOCALES } from "~/i18n/locales";
import { translate } from "~/i18n/translate";
import { LAUNCH_ERRORS } from "./resume.server";
import { SCO_STATUSES } from "./scorm-progress.server";

describe("what a learner is told about SCORM tracking", () => {
  it.each(LOCALES)("%s: every SCO status and every refused launch has a message", (locale) => {
    const keys = [...SCO_STATUSES.map((s) => `tracking.status.${s}`), ...LAUNCH_ERRORS.map((e) => `tracking.launch.${e}`)];
    expect(keys.filter((key) => !(key in catalogs[locale]))).toEqual([]);
  });

  it("counts parts with Arabic's plural forms", () => {
    const partsDone = (count: number) => translate(catalogs.ar, "ar", "tracking.progress.partsDone", { count, required: 12 });
    expect(partsDone(0)).toBe("لم يكتمل أي جزء من 12");
    expect(partsDone(2)).toBe("اكتمل جزءان من 12");
    expect(partsDone(3)).toBe("اكتملت 3 أجزاء من 12");
    expect(partsDone(11)).toBe("اكتمل 11 جزءًا من 12");
    expect(translate(catalogs.fr, "fr", "tracking.progress.partsDone", { count: 2, required: 3 })).toBe("2 parties terminées sur 3");
  });
});
