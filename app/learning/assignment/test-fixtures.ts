import fs from "node:fs";
import path from "node:path";

/**
 * Shared by the assignment tests only: a course folder with one assignment,
 * written to a temporary COURSES_DIR that each test file sets before any app
 * module reads the environment.
 */
export const PITCH_YAML = `
title:
  fr: Pitch d'un reportage
  ar: عرض فكرة تحقيق صحفي
  en: Story pitch
instructions:
  fr: |
    Proposez un **angle** de reportage sur la migration de travail.
  ar: |
    اقترح **زاوية** لتحقيق صحفي حول هجرة العمل.
  en: |
    Pitch a story **angle** on labour migration.
text: required
attachment:
  kinds: [pdf, audio]
  maxSizeMB: 1
rubric:
  - id: angle
    title: { fr: Angle, ar: الزاوية, en: Angle }
    levels:
      - { id: weak, label: { fr: Faible, ar: ضعيف, en: Weak }, points: 0 }
      - { id: clear, label: { fr: Clair, ar: واضح, en: Clear }, points: 2 }
      - { id: strong, label: { fr: Fort, ar: قوي, en: Strong }, points: 4 }
  - id: sources
    title: { fr: Sources, ar: المصادر, en: Sources }
    description: { fr: Des voix de migrants, ar: أصوات المهاجرين, en: Migrants' voices }
    levels:
      - { id: missing, label: { fr: Absentes, ar: غائبة, en: Missing }, points: 0 }
      - { id: present, label: { fr: Présentes, ar: حاضرة, en: Present }, points: 3 }
`;

export function writeCourseAssignment(coursesDir: string, slug: string, assignmentId: string, yaml: string) {
  const dir = path.join(coursesDir, slug, "assignments");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${assignmentId}.yml`), yaml);
}

/** A minimal valid file of each kind, as the first bytes a real one starts with. */
export const SAMPLE_BYTES = {
  pdf: Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
  webp: Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 ")]),
  wav: Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WAVEfmt ")]),
  ogg: Buffer.concat([Buffer.from("OggS"), Buffer.alloc(12)]),
  mp3Id3: Buffer.concat([Buffer.from("ID3"), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.alloc(6)]),
  mp3Frame: Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]),
  m4a: Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypM4A "), Buffer.alloc(4)]),
};
